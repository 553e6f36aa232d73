using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Panels;

/// <summary>Challenge panels through the pages, as plain form posts: schedule, record an outcome, download the pre-read pack.</summary>
[Trait("Category", "Review")]
public sealed class PanelsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private sealed record Setup(ReviewTestData.ReviewedReceipt Receipt, Section11Factory.Person Admin, Section11Factory.Person Rita)
    {
        public string Panels => Links.Panels(Receipt.PartnershipId, Receipt.RoundId);
    }

    /// <summary>A submitted receipt with an open challenge, an earlier round moderated 3, an administrator and a reviewer.</summary>
    private async Task<Setup> SetupAsync()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: r.PartnershipId, name: "Ada Admin");
        var rita = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: r.PartnershipId, name: "Rita Reviewer");
        await using var db = factory.Database.CreateContext();
        var round = await db.Rounds.SingleAsync(x => x.Id == r.RoundId);
        var agency = await db.Agencies.SingleAsync(a => a.Id == r.Summary.AgencyId);
        var earlier = new Round { PartnershipId = r.PartnershipId, FrameworkVersionId = round.FrameworkVersionId, Title = "Section 11 audit 2025", OpensOn = new(2025, 1, 1), DueOn = new(2025, 3, 31), CreatedAt = DateTime.UtcNow };
        var receipt = Receipt.For(earlier, agency, DateTime.UtcNow);
        db.Add(receipt);
        await db.SaveChangesAsync();
        var item = await db.Items.Where(i => i.Standard.FrameworkVersionId == round.FrameworkVersionId && i.Standard.Number == 1 && i.Number == "1.1").Select(i => new { i.Id, i.StandardId }).SingleAsync();
        db.ModeratedRatings.Add(new ModeratedRating { ReceiptId = receipt.Id, StandardId = item.StandardId, Rating = "3", UpdatedAt = DateTime.UtcNow, UpdatedById = admin.UserId });
        db.ReviewNotes.Add(new ReviewNote { ReceiptId = r.ReceiptId, StandardId = item.StandardId, ItemId = item.Id, Kind = NoteKind.Challenge, Text = "Who is the named person?", AuthorId = admin.UserId, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return new(r, admin, rita);
    }

    private async Task<HtmlClient> SignedInAsync(Section11Factory.Person person)
    {
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return client;
    }

    /// <summary>Posts the page's form with its fields, <paramref name="values"/> replacing those of the same name (several allowed).</summary>
    private static Task<HtmlClient.Page> PostAsync(HtmlClient client, HtmlClient.Page page, params (string Name, string Value)[] values)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>("main form")!;
        var names = values.Select(v => v.Name).ToHashSet();
        var fields = HtmlClient.FormFields(form).Where(f => !names.Contains(f.Key)).Concat(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        return client.PostAsync(page.Response.RequestMessage!.RequestUri!.PathAndQuery, fields);
    }

    private static async Task<int> ScheduleAsync(HtmlClient client, Setup s)
    {
        var form = await client.GetAsync(Links.NewPanel(s.Receipt.PartnershipId, s.Receipt.RoundId));
        var done = await PostAsync(client, form, ("Title", "March challenge panel"), ("HeldOn.Day", "12"), ("HeldOn.Month", "3"), ("HeldOn.Year", "2999"),
            ("Place", "Room 4, County Hall"), ("MemberIds", s.Admin.UserId), ("MemberIds", s.Rita.UserId), ("ReceiptIds", s.Receipt.ReceiptId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        return int.Parse(done.Location!.Split('/')[^1]);
    }

    [Fact]
    public async Task The_administrator_schedules_a_panel_records_an_outcome_and_downloads_the_pre_read_pack()
    {
        var s = await SetupAsync();
        using var admin = await SignedInAsync(s.Admin);
        var tracker = await admin.GetAsync(Links.Round(s.Receipt.PartnershipId, s.Receipt.RoundId));
        Assert.Equal(s.Panels, tracker.Document.QuerySelector("#panels-link")!.GetAttribute("href"));
        var list = await admin.GetAsync(s.Panels);
        Assert.Equal("No challenge panel has been scheduled in this round.", list.Text("#no-panels"));

        // Refused: what was typed comes back.
        var form = await admin.GetAsync(list.Document.QuerySelector("#new-panel")!.GetAttribute("href")!);
        var refused = await PostAsync(admin, form, ("Title", ""), ("HeldOn.Day", "1"), ("HeldOn.Month", "1"), ("HeldOn.Year", "2020"), ("Place", "Online (Teams)"), ("MemberIds", s.Rita.UserId));
        Assert.Equal(["Enter a title for the panel", "The date of the panel must be today or in the future", "Select at least one agency for the panel to see"], refused.ErrorSummary);
        Assert.Equal(("2020", "Online (Teams)"), (refused.Value("HeldOn.Year"), refused.Value("Place")));
        Assert.Equal([s.Rita.UserId], refused.Document.QuerySelectorAll("input[name='MemberIds']:checked").Select(i => i.GetAttribute("value")));

        var panelId = await ScheduleAsync(admin, s);
        var panelUrl = Links.Panel(s.Receipt.PartnershipId, s.Receipt.RoundId, panelId);
        var panel = await admin.GetAsync(panelUrl);
        Assert.Equal("The challenge panel has been scheduled", panel.Text("#confirmation"));
        Assert.Equal(["Ada Admin", "Rita Reviewer"], panel.Document.QuerySelectorAll("#panel-members li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Outcome not recorded", panel.Text($"#agency-{s.Receipt.ReceiptId}"));

        // The outcome: errors kept, then recorded, its action in the agency's plan with the panel as its source.
        var outcome = await admin.GetAsync(panel.Document.QuerySelector($"#agency-{s.Receipt.ReceiptId} a")!.GetAttribute("href")!);
        Assert.Equal(["0", "1", "2", "3"], outcome.Document.QuerySelectorAll("input[name='AgreedGrade']").Select(i => i.GetAttribute("value")));
        var wrong = await PostAsync(admin, outcome, ("Actions[0].Text", "Name a senior lead"), ("Escalate", "Yes"));
        Assert.Equal(["Select the agreed grade", "Enter the date action 1 is due by", "Enter why and to whom the panel escalates this agency"], wrong.ErrorSummary);
        Assert.Equal(("Name a senior lead", "Yes"), (wrong.Value("Actions[0].Text"), wrong.Value("Escalate")));
        var saved = await admin.FollowAsync(await PostAsync(admin, wrong, ("AgreedGrade", "1"), ("Actions[0].DueOn.Day", "30"), ("Actions[0].DueOn.Month", "6"),
            ("Actions[0].DueOn.Year", "2999"), ("Escalate", "No")));
        Assert.Equal("The outcome has been recorded and its actions are in the agency's action plan", saved.Text("#confirmation"));
        Assert.StartsWith("1", saved.Text($"#agency-{s.Receipt.ReceiptId} td"));
        var again = await admin.GetAsync(Links.PanelOutcome(s.Receipt.PartnershipId, s.Receipt.RoundId, panelId, s.Receipt.ReceiptId));
        Assert.Equal(("1", "Name a senior lead", "30"), (again.Value("AgreedGrade"), again.Value("Actions[0].Text"), again.Value("Actions[0].DueOn.Day")));
        await admin.FollowAsync(await PostAsync(admin, again, ("Actions[0].Text", "Name a senior lead for safeguarding")));
        await using (var db = factory.Database.CreateContext())
        {
            var area = Assert.Single(await db.ImprovementAreas.Where(a => a.AgencyId == s.Receipt.Summary.AgencyId).ToListAsync());
            Assert.Equal("Name a senior lead for safeguarding (due by 30 June 2999)", area.Outcome);
            Assert.StartsWith("Challenge panel 12 March 2999, ", area.OverarchingStandard, StringComparison.Ordinal);
        }

        // The pack: one PDF per agency, with a prompt, the open challenge and last round's grade.
        var response = await admin.Http.GetAsync(Links.PanelPreReadPack(s.Receipt.PartnershipId, s.Receipt.RoundId, panelId));
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var entry = Assert.Single(zip.Entries);
        Assert.EndsWith(".pdf", entry.FullName, StringComparison.Ordinal);
        using var pdf = new MemoryStream();
        await using (var stream = entry.Open())
        {
            await stream.CopyToAsync(pdf);
        }

        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf.ToArray(), 0, 4));
        if (File.Exists("/usr/bin/pdftotext"))
        {
            var text = PdfText(pdf.ToArray());
            Assert.Contains("Every item is rated Met.", text, StringComparison.Ordinal);
            Assert.Contains("Who is the named person?", text, StringComparison.Ordinal);
            Assert.Contains("Standard 1 (evaluation): 3", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_outcome_grades_each_standard_beside_the_agencys_own_and_the_panel_page_counts_them()
    {
        var s = await SetupAsync();
        using var admin = await SignedInAsync(s.Admin);
        var panelId = await ScheduleAsync(admin, s);
        var url = Links.PanelOutcome(s.Receipt.PartnershipId, s.Receipt.RoundId, panelId, s.Receipt.ReceiptId);
        var outcome = await admin.GetAsync(url);
        Assert.Equal("Standard 1: Leadership and accountability", outcome.Text("#standard-1 legend"));
        Assert.Equal("Agency's self evaluation: Met. Reviewer's moderated grade: none.", outcome.Text("#standard-1 .govuk-hint"));
        Assert.Equal(["0", "1", "2", "3", ""], outcome.Document.QuerySelectorAll("input[name='Standards[0].Grade']").Select(i => i.GetAttribute("value")));
        Assert.Equal("", outcome.Value("Standards[0].Grade"));

        // Refused: everything typed comes back, nothing is saved.
        var wrong = await PostAsync(admin, outcome, ("Standards[0].Grade", "3"), ("Standards[0].Note", "Embedded practice"), ("Standards[1].Note", "A note with no grade"),
            ("Actions[0].Text", "Name a senior lead"), ("Actions[0].DueOn.Day", "30"), ("Actions[0].DueOn.Month", "6"), ("Actions[0].DueOn.Year", "2999"), ("Escalate", "No"));
        Assert.Equal(["Select the agreed grade", "Select the agreed grade for standard 2, or clear its note"], wrong.ErrorSummary);
        Assert.Equal(("3", "Embedded practice", "A note with no grade"), (wrong.Value("Standards[0].Grade"), wrong.Value("Standards[0].Note"), wrong.Value("Standards[1].Note")));
        Assert.Equal("Agency's self evaluation: Met. Reviewer's moderated grade: none.", wrong.Text("#standard-1 .govuk-hint"));
        await using (var db = factory.Database.CreateContext())
        {
            Assert.False(await db.PanelOutcomes.AnyAsync(o => o.ChallengePanelId == panelId));
        }

        var saved = await admin.FollowAsync(await PostAsync(admin, wrong, ("AgreedGrade", "2"), ("Standards[1].Note", "")));
        Assert.Contains("1 of 2 standards graded", saved.Text($"#agency-{s.Receipt.ReceiptId}"), StringComparison.Ordinal);
        var again = await admin.GetAsync(url);
        Assert.Equal(("3", "Embedded practice", ""), (again.Value("Standards[0].Grade"), again.Value("Standards[0].Note"), again.Value("Standards[1].Grade")));

        // The reviewer reads each standard's grade.
        using var rita = await SignedInAsync(s.Rita);
        var read = await rita.GetAsync(url);
        Assert.StartsWith("3", read.Text("#standard-1 dd"), StringComparison.Ordinal);
        Assert.Contains("Embedded practice", read.Text("#standard-1 dd"), StringComparison.Ordinal);
        Assert.Equal("Not graded", read.Text("#standard-2 dd"));

        // A grade off the scale, or a standard not in the framework, is a form the page did not make.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(admin, again, ("Standards[0].Grade", "met"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(admin, again, ("Standards[1].Number", "9"), ("Standards[1].Grade", "2"))).Status);
        await using var check = factory.Database.CreateContext();
        Assert.Equal(["3"], await check.PanelOutcomeGrades.Where(g => check.PanelOutcomes.Any(o => o.Id == g.PanelOutcomeId && o.ChallengePanelId == panelId)).Select(g => g.Grade).ToListAsync());
    }

    [Fact]
    public async Task A_reviewer_reads_the_panels_and_downloads_the_pack_but_cannot_schedule_or_record()
    {
        var s = await SetupAsync();
        int panelId;
        using (var admin = await SignedInAsync(s.Admin))
        {
            panelId = await ScheduleAsync(admin, s);
        }

        using var rita = await SignedInAsync(s.Rita);
        var list = await rita.GetAsync(s.Panels);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Null(list.Document.QuerySelector("#new-panel"));
        Assert.Equal("March challenge panel", list.Text("#panels tbody a"));
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.GetAsync(Links.NewPanel(s.Receipt.PartnershipId, s.Receipt.RoundId))).Status);
        var outcomeUrl = Links.PanelOutcome(s.Receipt.PartnershipId, s.Receipt.RoundId, panelId, s.Receipt.ReceiptId);
        var outcome = await rita.GetAsync(outcomeUrl);
        Assert.Equal("The panel's outcome for this agency has not been recorded yet.", outcome.Text("#no-outcome"));
        Assert.Empty(outcome.Document.QuerySelectorAll("main form"));
        Assert.Equal(HttpStatusCode.OK, (await rita.Http.GetAsync(Links.PanelPreReadPack(s.Receipt.PartnershipId, s.Receipt.RoundId, panelId))).StatusCode);

        var token = (await rita.GetAsync("/account")).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var posted = await rita.PostAsync(outcomeUrl, [new("__RequestVerificationToken", token), new("AgreedGrade", "1"), new("Escalate", "No"),
            new("Actions[0].Text", "Audit"), new("Actions[0].DueOn.Day", "1"), new("Actions[0].DueOn.Month", "6"), new("Actions[0].DueOn.Year", "2999")]);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.PanelOutcomes.AnyAsync(o => o.ChallengePanelId == panelId));
    }

    [Fact]
    public async Task Another_partnerships_panel_is_not_found()
    {
        var s = await SetupAsync();
        int panelId;
        using (var admin = await SignedInAsync(s.Admin))
        {
            panelId = await ScheduleAsync(admin, s);
        }

        var other = await ReviewTestData.SubmittedReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        var stranger = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: other.PartnershipId, name: "Olly Other");
        using var client = await SignedInAsync(stranger);
        var (p, r) = (s.Receipt.PartnershipId, s.Receipt.RoundId);
        foreach (var url in new[] { Links.Panels(p, r), Links.NewPanel(p, r), Links.Panel(p, r, panelId), Links.PanelPreReadPack(p, r, panelId), Links.PanelOutcome(p, r, panelId, s.Receipt.ReceiptId) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(url)).StatusCode);
        }

        // Under the stranger's own partnership and round, the panel of another round is not found either.
        foreach (var url in new[] { Links.Panel(other.PartnershipId, other.RoundId, panelId), Links.PanelPreReadPack(other.PartnershipId, other.RoundId, panelId),
            Links.PanelOutcome(other.PartnershipId, other.RoundId, panelId, other.ReceiptId) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(url)).StatusCode);
        }
    }

    private static string PdfText(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pre-read-{Guid.NewGuid():N}.pdf");
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
