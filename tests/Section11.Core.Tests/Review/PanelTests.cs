using System.Diagnostics;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Reporting;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Review.Panels;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Review;

/// <summary>Challenge panels: scheduling, each agency's outcome with its actions in the action plan, the pre-read pack (docs/review.md).</summary>
[Trait("Category", "Review")]
public sealed class PanelTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private PanelService Service(Data.Section11DbContext db) => new(db, _catalog, new ReturnService(db, _catalog, _time),
        new ReturnReportService(db, new RoundDataService(db, _catalog, _time), new Section11.Core.Surveys.SurveyService(db, _catalog, _time), _time), new ActionPlanService(db, _catalog, _time), _time);

    private static PanelInput Panel(string? title, string? day, IReadOnlyList<string> members, IReadOnlyList<int> receipts, string? place = "Room 4, County Hall") =>
        new(title, new DateInput(day, day is null ? null : "3", day is null ? null : "2027"), place, members, receipts);

    private static OutcomeInput Outcome(string? grade, string? escalate, params (string? Text, string? Day)[] actions) =>
        new(grade, "Agreed after discussion", [.. actions.Select(a => new OutcomeActionInput(a.Text, new DateInput(a.Day, a.Day is null ? null : "6", a.Day is null ? null : "2027")))], escalate, null);

    /// <summary>A submitted receipt (0–3 moderation), an administrator, a reviewer and a scheduled panel seeing the agency.</summary>
    private async Task<(ReviewTestData.ReviewedReceipt R, string Admin, string Reviewer, int PanelId)> PanelAsync()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var reviewer = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipReviewer, "Rita Reviewer");
        var (id, errors) = await Service(db).ScheduleAsync(r.RoundId, Panel("March challenge panel", "12", [admin, reviewer], [r.ReceiptId]), admin);
        Assert.Empty(errors);
        return (r, admin, reviewer, id!.Value);
    }

    [Fact]
    public async Task Scheduling_is_refused_without_a_title_date_place_members_or_agencies_and_with_anything_the_page_did_not_offer()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var outsider = await TestData.CreateUserAsync(db, r.Summary.AgencyId);
        var service = Service(db);

        var (id, errors) = await service.ScheduleAsync(r.RoundId, Panel(" ", null, [], [], place: null), admin);
        Assert.Null(id);
        Assert.Equal(["Title", "HeldOn", "Place", "MemberIds", "ReceiptIds"], errors.Select(e => e.Key));
        Assert.Equal(["Enter a title for the panel", "Enter the date of the panel", "Enter where the panel meets, or that it is online",
            "Select at least one member of the panel", "Select at least one agency for the panel to see"], errors.Select(e => e.Message));

        Assert.Equal(["The date of the panel must be today or in the future"],
            (await service.ScheduleAsync(r.RoundId, new PanelInput("Panel", new DateInput("1", "12", "2026"), "Online", [admin], [r.ReceiptId]), admin)).Errors.Select(e => e.Message));
        Assert.Equal(["The date of the panel must be a real date"],
            (await service.ScheduleAsync(r.RoundId, Panel("Panel", "31", [admin], [r.ReceiptId]) with { HeldOn = new DateInput("31", "2", "2027") }, admin)).Errors.Select(e => e.Message));
        Assert.Equal($"The title must be {InputLimits.Title:N0} characters or fewer",
            Assert.Single((await service.ScheduleAsync(r.RoundId, Panel(new string('x', InputLimits.Title + 1), "12", [admin], [r.ReceiptId]), admin)).Errors).Message);

        // An agency person is not a reviewer; a receipt of another round is not this round's.
        var other = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        var tampered = (await service.ScheduleAsync(r.RoundId, Panel("Panel", "12", [outsider], [other.ReceiptId]), admin)).Errors;
        Assert.Equal(["MemberIds", "ReceiptIds"], tampered.Select(e => e.Key));
        Assert.All(tampered, e => Assert.True(e.Tampered));

        await using var check = database.CreateContext();
        Assert.False(await check.ChallengePanels.AnyAsync(p => p.RoundId == r.RoundId));
        Assert.False(await check.ChangeLog.AnyAsync(c => c.EntityType == nameof(ChallengePanel) && c.UserId == admin));
    }

    [Fact]
    public async Task A_scheduled_panel_lists_its_members_and_agencies_and_is_in_the_change_log()
    {
        var (r, admin, reviewer, panelId) = await PanelAsync();
        await using var db = database.CreateContext();
        var service = Service(db);
        var summary = Assert.Single((await service.ListAsync(r.RoundId)).Panels);
        Assert.Equal((panelId, "March challenge panel", new DateOnly(2027, 3, 12), "Room 4, County Hall", 1, 0),
            (summary.Id, summary.Title, summary.HeldOn, summary.Place, summary.Agencies, summary.Outcomes));
        var page = (await service.GetAsync(r.RoundId, panelId))!;
        Assert.Equal(["Ada Admin", "Rita Reviewer"], page.Members.Select(m => m.Name));
        Assert.Equal([r.ReceiptId], page.Agencies.Select(a => a.ReceiptId));
        var partnership = await db.Partnerships.Where(p => p.Id == r.PartnershipId).Select(p => p.Name).SingleAsync();
        Assert.Equal($"Challenge panel 12 March 2027, {partnership}", page.Source);

        // Another round's address does not find it.
        Assert.Null(await service.GetAsync(r.RoundId + 1000, panelId));
        Assert.Null(await service.GetOutcomeAsync(r.RoundId, panelId, r.ReceiptId + 1000));

        var log = await db.ChangeLog.Where(c => c.EntityType == nameof(ChallengePanel) && c.EntityId == panelId.ToString()).ToListAsync();
        Assert.Equal(["HeldOn", "Member", "Member", "Place", "Receipt", "Title"], log.Select(c => c.Field).Order());
        Assert.All(log, c => Assert.Equal((admin, (int?)null), (c.UserId, c.ReturnId)));
        Assert.Contains(log, c => c.Field == "Member" && c.NewValue == reviewer);
    }

    [Fact]
    public async Task An_outcome_is_refused_without_a_grade_an_action_or_an_escalation_note_and_nothing_is_saved()
    {
        var (r, admin, _, panelId) = await PanelAsync();
        await using var db = database.CreateContext();
        var service = Service(db);

        var errors = await service.RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, Outcome(null, null), admin);
        Assert.Equal(["Select the agreed grade", "Enter at least one action the agency is required to take", "Select whether the panel escalates this agency"],
            errors.Select(e => e.Message));
        var early = Outcome("met", "Yes", ("Name the lead", null), (null, "1"));
        early = early with { Actions = [.. early.Actions, new OutcomeActionInput("Audit", new DateInput("11", "3", "2027"))] };
        errors = await service.RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, early, admin);
        Assert.Equal(["AgreedGrade", "Actions[0].DueOn", "Actions[1].Text", "Actions[2].DueOn", "EscalationNote"], errors.Select(e => e.Key));
        Assert.True(errors[0].Tampered);
        Assert.Equal(["Select the agreed grade from the scale", "Enter the date action 1 is due by", "Enter action 2, or clear its due date",
            "The due date of action 3 must be on or after the date of the panel", "Enter why and to whom the panel escalates this agency"], errors.Select(e => e.Message));

        await using var check = database.CreateContext();
        Assert.False(await check.PanelOutcomes.AnyAsync(o => o.ChallengePanelId == panelId));
        Assert.False(await check.ImprovementAreas.AnyAsync(a => a.AgencyId == r.Summary.AgencyId));
    }

    [Fact]
    public async Task An_outcomes_actions_land_in_the_agencys_action_plan_with_their_source_and_recording_again_updates_them()
    {
        var (r, admin, _, panelId) = await PanelAsync();
        await using (var db = database.CreateContext())
        {
            var input = Outcome("1", "Yes", ("Name a senior lead for safeguarding", "30"), ("Audit supervision files", "15")) with { EscalationNote = "To the partnership's executive" };
            Assert.Empty(await Service(db).RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, input, admin));
        }

        await using (var db = database.CreateContext())
        {
            var page = (await Service(db).GetAsync(r.RoundId, panelId))!;
            var line = Assert.Single(page.Agencies);
            Assert.Equal(("1", "1", true, "To the partnership's executive"), (line.Outcome!.AgreedGrade, line.GradeLabel, line.Outcome.Escalated, line.Outcome.EscalationNote));
            var plan = await new ActionPlanService(db, _catalog, _time).GetPlanAsync(r.Summary.AgencyId);
            Assert.Equal(["Name a senior lead for safeguarding (due by 30 June 2027)", "Audit supervision files (due by 15 June 2027)"], plan.Select(a => a.Outcome));
            Assert.All(plan, a => Assert.Equal((page.Source, (int?)r.RoundId, (int?)null), (a.OverarchingStandard, a.RoundId, a.StandardId)));
            // The partnership sees them in its round's plans: they belong to its round.
            var round = await new ActionPlanService(db, _catalog, _time).GetRoundAgencyAreasAsync(r.RoundId, r.Summary.AgencyId);
            Assert.Equal(2, round!.Areas.Count);

            var outcomeId = line.Outcome.Id.ToString();
            var log = await db.ChangeLog.Where(c => c.EntityType == nameof(PanelOutcome) && c.EntityId == outcomeId).Select(c => c.Field).ToListAsync();
            Assert.Equal(["AgreedGrade", "Escalated", "EscalationNote", "GradeNote"], log.Order());
            Assert.Equal(2, await db.ChangeLog.CountAsync(c => c.EntityType == nameof(ImprovementArea) && c.Field == "Created" && c.UserId == admin));
        }

        // Again: the first action reworded, the second dropped, a grade changed. No duplicate areas.
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await Service(db).RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, Outcome("2", "No", ("Name a senior lead", "30")), admin));
            Assert.Empty(await Service(db).RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, Outcome("2", "No", ("Name a senior lead", "30")), admin));
        }

        await using (var check = database.CreateContext())
        {
            var areas = await check.ImprovementAreas.Where(a => a.AgencyId == r.Summary.AgencyId).ToListAsync();
            Assert.Equal(["Name a senior lead (due by 30 June 2027)"], areas.Select(a => a.Outcome));
            var outcome = await check.PanelOutcomes.Include(o => o.Actions).SingleAsync(o => o.ChallengePanelId == panelId);
            Assert.Equal((false, (string?)null), (outcome.Escalated, outcome.EscalationNote));
            Assert.Equal([areas[0].Id], outcome.Actions.Select(a => a.ImprovementAreaId));
            var area = areas[0].Id.ToString();
            Assert.True(await check.ChangeLog.AnyAsync(c => c.EntityType == nameof(ImprovementArea) && c.EntityId == area && c.Field == "Outcome"
                && c.NewValue == "Name a senior lead (due by 30 June 2027)"));
            Assert.Equal(1, await check.ChangeLog.CountAsync(c => c.EntityType == nameof(ImprovementArea) && c.Field == "Deleted" && c.UserId == admin));
            Assert.Equal(1, await check.ChangeLog.CountAsync(c => c.EntityType == nameof(PanelOutcome) && c.Field == "AgreedGrade" && c.OldValue == "1" && c.NewValue == "2"));
        }
    }

    [Fact]
    public async Task The_pre_read_pack_has_one_pdf_per_agency_with_its_prompts_open_challenges_and_last_rounds_grades()
    {
        var (r, admin, _, panelId) = await PanelAsync();
        await using (var db = database.CreateContext())
        {
            // Last round: the same agency in an earlier round of the same partnership, its evaluation of standard 1 moderated 3.
            var round = await db.Rounds.SingleAsync(x => x.Id == r.RoundId);
            var agency = await db.Agencies.SingleAsync(a => a.Id == r.Summary.AgencyId);
            var earlier = new Round { PartnershipId = r.PartnershipId, FrameworkVersionId = round.FrameworkVersionId, Title = "Section 11 audit 2025", OpensOn = new(2025, 1, 1), DueOn = new(2025, 3, 31), CreatedAt = Now.UtcDateTime };
            var receipt = Receipt.For(earlier, agency, Now.UtcDateTime);
            db.Add(receipt);
            await db.SaveChangesAsync();
            var standard = await db.Standards.Where(s => s.FrameworkVersionId == round.FrameworkVersionId && s.Number == 1 && s.RoundId == null).Select(s => s.Id).SingleAsync();
            db.ModeratedRatings.Add(new ModeratedRating { ReceiptId = receipt.Id, StandardId = standard, Rating = "3", UpdatedAt = Now.UtcDateTime, UpdatedById = admin });
            await db.SaveChangesAsync();

            var reviews = new ReviewService(db, _catalog, _time);
            Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin));
            var item = (await new ModerationService(db, _catalog, reviews, _time).GetStandardAsync(r.ReceiptId, 1))!.Items[0].ItemId;
            Assert.Empty(await new ReviewNoteService(db, _catalog, reviews, _time).AddAsync(r.ReceiptId, 1, new NoteInput(item, "Challenge", "Who is the named person?", DateInput.Empty), admin));
            Assert.Empty(await new ReviewNoteService(db, _catalog, reviews, _time).AddAsync(r.ReceiptId, 1, new NoteInput(item, "Comment", "A fine policy", DateInput.Empty), admin));
        }

        await using var read = database.CreateContext();
        var pack = Assert.Single((await Service(read).GetPreReadsAsync(r.RoundId, panelId))!);
        Assert.Equal(r.Summary.AgencyName, pack.AgencyName);
        Assert.Contains("Every item is rated Met.", pack.Prompts);
        Assert.Equal(["1.1, challenge: Who is the named person? Not yet sent to the agency."], pack.OpenNotes);
        Assert.Equal("Section 11 audit 2025", pack.LastRound!.RoundTitle);
        Assert.Equal(["Standard 1 (evaluation): 3"], pack.LastRound.Lines);
        Assert.NotNull(pack.Report);
        Assert.Null(await Service(read).GetPreReadsAsync(r.RoundId + 1000, panelId));

        using var zip = new ZipArchive(new MemoryStream(PreReadPack.ToBytes([pack])));
        var entry = Assert.Single(zip.Entries);
        Assert.EndsWith(".pdf", entry.FullName, StringComparison.Ordinal);
        using var pdf = new MemoryStream();
        await using (var s = entry.Open())
        {
            await s.CopyToAsync(pdf);
        }

        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf.ToArray(), 0, 4));
        if (File.Exists("/usr/bin/pdftotext"))
        {
            var text = PdfText(pdf.ToArray());
            Assert.Contains("Every item is rated Met.", text, StringComparison.Ordinal);
            Assert.Contains("Who is the named person?", text, StringComparison.Ordinal);
            Assert.Contains("Standard 1 (evaluation): 3", text, StringComparison.Ordinal);
            Assert.Contains("Evidence 1.1", text, StringComparison.Ordinal);
        }
    }

    private static string PdfText(byte[] bytes)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, bytes);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
