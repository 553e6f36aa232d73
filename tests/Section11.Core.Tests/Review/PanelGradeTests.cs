using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Reporting;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Review.Panels;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Review;

/// <summary>A challenge panel's agreed grades per standard: the rows, their change log, and the refusals (docs/review.md).</summary>
[Trait("Category", "Review")]
public sealed class PanelGradeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private PanelService Service(Data.Section11DbContext db) => new(db, _catalog, new ReturnService(db, _catalog, _time),
        new ReturnReportService(db, new RoundDataService(db, _catalog, _time), new Section11.Core.Surveys.SurveyService(db, _catalog, _time), _time), new ActionPlanService(db, _catalog, _time), _time);

    private static OutcomeInput Outcome(params OutcomeStandardInput[] standards) =>
        new("2", null, [new OutcomeActionInput("Name a senior lead", new DateInput("30", "6", "2027"))], "No", null, standards);

    /// <summary>A submitted receipt on the 0–3 moderation framework (two standards, each evaluated Met), standard 1 moderated to 1, and a panel.</summary>
    private async Task<(ReviewTestData.ReviewedReceipt R, string Admin, int PanelId)> PanelAsync()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var standard = await db.Standards.Where(s => s.FrameworkVersionId == r.Summary.FrameworkVersionId && s.Number == 1 && s.RoundId == null).Select(s => s.Id).SingleAsync();
        db.ModeratedRatings.Add(new ModeratedRating { ReceiptId = r.ReceiptId, StandardId = standard, Rating = "1", Reason = "No named lead", UpdatedAt = Now.UtcDateTime, UpdatedById = admin });
        await db.SaveChangesAsync();
        var (id, errors) = await Service(db).ScheduleAsync(r.RoundId, new PanelInput("March panel", new DateInput("12", "3", "2027"), "Room 4", [admin], [r.ReceiptId]), admin);
        Assert.Empty(errors);
        return (r, admin, id!.Value);
    }

    [Fact]
    public async Task The_outcome_page_shows_each_standard_with_the_agencys_own_evaluation_and_the_moderated_grade()
    {
        var (r, _, panelId) = await PanelAsync();
        await using var db = database.CreateContext();
        var page = (await Service(db).GetOutcomeAsync(r.RoundId, panelId, r.ReceiptId))!;
        Assert.Equal([(1, "Met", "1"), (2, "Met", (string?)null)], page.Standards.Select(s => (s.Number, s.SelfGrade, s.ModeratedGrade)));
        Assert.Equal("Leadership and accountability", page.Standards[0].Title);
    }

    [Fact]
    public async Task Grades_per_standard_are_rows_of_the_outcome_and_each_change_is_in_the_change_log()
    {
        var (r, admin, panelId) = await PanelAsync();
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await Service(db).RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId,
                Outcome(new(1, "1", "  No named lead yet "), new(2, "", null)), admin));
        }

        int outcomeId;
        await using (var db = database.CreateContext())
        {
            var outcome = await db.PanelOutcomes.Include(o => o.Grades).SingleAsync(o => o.ChallengePanelId == panelId);
            outcomeId = outcome.Id;
            Assert.Equal([(1, "1", "No named lead yet")], outcome.Grades.Select(g => (g.StandardNumber, g.Grade, g.Note)));
            var id = outcomeId.ToString();
            var log = await db.ChangeLog.Where(c => c.EntityType == nameof(PanelOutcome) && c.EntityId == id && c.Field.StartsWith("Standard"))
                .Select(c => new { c.Field, c.OldValue, c.NewValue, c.UserId }).ToListAsync();
            Assert.Equal([("Standard 1 grade", (string?)null, (string?)"1"), ("Standard 1 note", null, "No named lead yet")],
                log.OrderBy(c => c.Field).Select(c => (c.Field, c.OldValue, c.NewValue)));
            Assert.All(log, c => Assert.Equal(admin, c.UserId));
            var line = Assert.Single((await Service(db).GetAsync(r.RoundId, panelId))!.Agencies);
            Assert.Single(line.Outcome!.Grades);
        }

        // Again: standard 1 regraded and its note cleared, standard 2 graded; then standard 1 cleared altogether.
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await Service(db).RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, Outcome(new(1, "2", null), new(2, "3", "Embedded")), admin));
        }

        await using (var db = database.CreateContext())
        {
            Assert.Empty(await Service(db).RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, Outcome(new(1, "", null), new(2, "3", "Embedded")), admin));
        }

        await using (var check = database.CreateContext())
        {
            var grades = await check.PanelOutcomeGrades.Where(g => g.PanelOutcomeId == outcomeId).ToListAsync();
            Assert.Equal([(2, "3", (string?)"Embedded")], grades.Select(g => (g.StandardNumber, g.Grade, g.Note)));
            var id = outcomeId.ToString();
            var log = await check.ChangeLog.Where(c => c.EntityType == nameof(PanelOutcome) && c.EntityId == id && c.Field.StartsWith("Standard"))
                .OrderBy(c => c.Id).Select(c => new { c.Field, c.OldValue, c.NewValue }).ToListAsync();
            Assert.Equal([
                ("Standard 1 grade", null, "1"), ("Standard 1 note", null, "No named lead yet"),
                ("Standard 1 grade", "1", "2"), ("Standard 1 note", "No named lead yet", null), ("Standard 2 grade", null, "3"), ("Standard 2 note", null, "Embedded"),
                ("Standard 1 grade", "2", null),
            ], log.Select(c => (c.Field, c.OldValue, c.NewValue)));
        }
    }

    [Fact]
    public async Task A_grade_off_the_scale_or_a_standard_not_in_the_framework_is_a_forged_form_and_a_note_needs_its_grade()
    {
        var (r, admin, panelId) = await PanelAsync();
        await using var db = database.CreateContext();
        var service = Service(db);

        var errors = await service.RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, Outcome(new(1, "met", null), new(9, "2", null)), admin);
        Assert.Equal([("Standards[0].Grade", true), ("Standards[1].Grade", true)], errors.Select(e => (e.Key, e.Tampered)));

        errors = await service.RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId, Outcome(new(1, "", "A note"), new(2, "2", new string('x', InputLimits.LongText + 1))), admin);
        Assert.Equal(["Select the agreed grade for standard 1, or clear its note", $"The note on standard 2 must be {InputLimits.LongText:N0} characters or fewer"],
            errors.Select(e => e.Message));
        Assert.All(errors, e => Assert.False(e.Tampered));

        await using var check = database.CreateContext();
        Assert.False(await check.PanelOutcomes.AnyAsync(o => o.ChallengePanelId == panelId));
    }
}
