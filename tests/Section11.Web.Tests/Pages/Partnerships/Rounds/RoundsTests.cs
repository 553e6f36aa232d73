using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>A partnership administrator sets up, launches and tracks a round.</summary>
public sealed class RoundsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(HtmlClient Admin, int PartnershipId, IReadOnlyList<int> Agencies)> AdminAsync()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Riverbank Surgery", "County Police");
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p.PartnershipId, name: "Sam Patel");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);
        return (client, p.PartnershipId, p.AgencyIds);
    }

    [Fact]
    public async Task An_administrator_sets_up_a_round_with_local_items_and_launches_it_to_chosen_agencies()
    {
        var (admin, pid, agencies) = await AdminAsync();
        var home = await admin.GetAsync($"/partnerships/{pid}");
        Assert.Equal(HttpStatusCode.OK, home.Status);

        var form = await admin.GetAsync($"/partnerships/{pid}/rounds/new");
        var invalid = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Title"] = "", ["DueOn.Day"] = "31", ["DueOn.Month"] = "2", ["DueOn.Year"] = "2030" });
        Assert.Equal(
            ["Enter a title for the round, for example Section 11 audit 2026", "Select the framework agencies will complete", "Enter the date the round opens", "Return-by date must be a real date"],
            invalid.ErrorSummary);
        Assert.Equal("31", invalid.Value("DueOn.Day"));

        var primaryCare = form.Document.QuerySelectorAll("input[name=FrameworkVersionId]")
            .Single(i => form.Document.QuerySelector($"label[for='{i.Id}']")!.TextContent.Contains("Primary Care", StringComparison.OrdinalIgnoreCase)).GetAttribute("value");
        var created = await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Title"] = "Section 11 audit 2030", ["FrameworkVersionId"] = primaryCare,
            ["OpensOn.Day"] = "1", ["OpensOn.Month"] = "1", ["OpensOn.Year"] = "2030",
            ["DueOn.Day"] = "31", ["DueOn.Month"] = "3", ["DueOn.Year"] = "2030",
        });
        Assert.EndsWith("/local-items", created.Location, StringComparison.Ordinal);

        var local = await admin.GetAsync(created.Location!);
        var noText = await admin.SubmitAsync(local, new Dictionary<string, string?> { ["Text"] = "" });
        Assert.Equal(["Enter what the agency must show"], noText.ErrorSummary);
        local = await admin.FollowAsync(await admin.SubmitAsync(local, new Dictionary<string, string?>
        {
            ["Text"] = "The practice attends the quarterly multi-agency briefing.", ["Evidence"] = "Attendance register",
        }));
        Assert.Equal("9.1", local.Text("#local-items dt"));

        var launch = await admin.GetAsync(local.Document.QuerySelector("a[href$='/launch']")!.GetAttribute("href")!);
        var none = await admin.SubmitAsync(launch, new Dictionary<string, string?> { ["AgencyIds"] = null });
        Assert.Equal(["Select the agencies that will complete a return"], none.ErrorSummary);
        var tracker = await admin.FollowAsync(await admin.SubmitAsync(launch, new Dictionary<string, string?> { ["AgencyIds"] = agencies[0].ToString() }));

        Assert.Equal("Section 11 audit 2030", tracker.H1);
        var row = Assert.Single(tracker.Document.QuerySelectorAll("#tracker tbody tr"));
        Assert.Contains("Riverbank Surgery", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Not started", row.QuerySelector(".app-status")!.TextContent.Trim());

        // The agency's lead finds the return, with the partnership's own item in standard 9.
        await using var db = factory.Database.CreateContext();
        var returnId = await db.Returns.Where(r => r.AgencyId == agencies[0] && r.Receipts.Any(x => x.Round.Title == "Section 11 audit 2030")).Select(r => r.Id).SingleAsync();
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: agencies[0], name: "Lee Lead");
        using var leadClient = factory.CreateHtmlClient();
        await leadClient.SignInAsync(lead.Email);
        var standard9 = await leadClient.GetAsync($"/returns/{returnId}/standards/9");
        Assert.Equal(["9.1"], standard9.Document.QuerySelectorAll("section.app-item h2").Select(h => h.TextContent.Trim()));
        Assert.Contains("quarterly multi-agency briefing", standard9.Text("#item-9-1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tracker_shows_progress_and_the_administrator_extends_a_date_and_returns_a_submitted_return()
    {
        var (admin, pid, agencies) = await AdminAsync();
        await using var db = factory.Database.CreateContext();
        var roundId = await LaunchedRoundAsync(pid, agencies);
        var returns = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == roundId)).OrderBy(r => r.AgencyId).ToListAsync();
        await db.Returns.Where(r => r.Id == returns[1].Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Submitted).SetProperty(r => r.SubmittedAt, DateTime.UtcNow));

        var tracker = await admin.GetAsync($"/partnerships/{pid}/rounds/{roundId}");
        Assert.Equal("Overdue", tracker.Text($"#return-{returns[0].Id} .app-status"));
        Assert.Equal("Submitted", tracker.Text($"#return-{returns[1].Id} .app-status"));

        var extend = await admin.GetAsync($"/partnerships/{pid}/rounds/{roundId}/returns/{returns[0].Id}/extend");
        Assert.Equal(["Enter the new return-by date"], (await admin.SubmitAsync(extend, new Dictionary<string, string?>())).ErrorSummary);
        tracker = await admin.FollowAsync(await admin.SubmitAsync(extend, new Dictionary<string, string?> { ["DueOn.Day"] = "1", ["DueOn.Month"] = "6", ["DueOn.Year"] = "2031" }));
        Assert.Equal("Not started", tracker.Text($"#return-{returns[0].Id} .app-status"));
        Assert.Contains("1 Jun 2031", tracker.Text($"#return-{returns[0].Id}"), StringComparison.Ordinal);

        var back = await admin.GetAsync($"/partnerships/{pid}/rounds/{roundId}/returns/{returns[1].Id}/return-for-changes");
        Assert.Equal(["Enter what the agency needs to change"], (await admin.SubmitAsync(back, new Dictionary<string, string?> { ["Reason"] = " " })).ErrorSummary);
        tracker = await admin.FollowAsync(await admin.SubmitAsync(back, new Dictionary<string, string?> { ["Reason"] = "Add evidence of training for standard 4." }));
        Assert.Equal("Returned for changes", tracker.Text($"#return-{returns[1].Id} .app-status"));

        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: agencies[1], name: "Lee Lead");
        using var leadClient = factory.CreateHtmlClient();
        await leadClient.SignInAsync(lead.Email);
        var overview = await leadClient.GetAsync($"/returns/{returns[1].Id}");
        Assert.Equal("Add evidence of training for standard 4.", overview.Text(".app-returned-reason"));
    }

    [Fact]
    public async Task A_reviewer_reads_but_cannot_change_and_other_partnerships_see_nothing()
    {
        var (_, pid, agencies) = await AdminAsync();
        var roundId = await LaunchedRoundAsync(pid, agencies);
        await using var db = factory.Database.CreateContext();
        var returnId = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == roundId)).Select(r => r.Id).FirstAsync();

        var reviewer = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: pid, name: "Rita Reviewer");
        using var r = factory.CreateHtmlClient();
        await r.SignInAsync(reviewer.Email);
        Assert.Equal(HttpStatusCode.OK, (await r.GetAsync($"/partnerships/{pid}/rounds/{roundId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await r.GetAsync($"/returns/{returnId}/view")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await r.GetAsync($"/partnerships/{pid}/rounds/new")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await r.GetAsync($"/partnerships/{pid}/rounds/{roundId}/returns/{returnId}/extend")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await r.GetAsync($"/returns/{returnId}/standards/1")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await r.GetAsync($"/returns/{returnId}/history")).Status);

        var (other, otherPid, _) = await AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/partnerships/{pid}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/partnerships/{pid}/rounds/{roundId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/partnerships/{otherPid}/rounds/{roundId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/returns/{returnId}/view")).Status);
    }

    [Fact]
    public async Task The_agency_lead_and_the_administrator_see_the_change_history()
    {
        var (admin, pid, agencies) = await AdminAsync();
        var roundId = await LaunchedRoundAsync(pid, agencies);
        await using var db = factory.Database.CreateContext();
        var returnId = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == roundId) && r.AgencyId == agencies[0]).Select(r => r.Id).SingleAsync();
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: agencies[0], name: "Lee Lead");
        using var leadClient = factory.CreateHtmlClient();
        await leadClient.SignInAsync(lead.Email);
        var page = await leadClient.GetAsync($"/returns/{returnId}/standards/1");
        await leadClient.SubmitAsync(page, new Dictionary<string, string?> { ["Answers[0].Rating"] = "good", ["Answers[0].ActualEvidence"] = "Named in policy" }, "later");

        foreach (var client in new[] { leadClient, admin })
        {
            var history = await client.GetAsync($"/returns/{returnId}/history");
            Assert.Equal(HttpStatusCode.OK, history.Status);
            var rows = history.Document.QuerySelectorAll(".app-history tbody tr").Select(tr => tr.TextContent).ToList();
            Assert.Contains(rows, t => t.Contains("Lee Lead", StringComparison.Ordinal) && t.Contains("Item 1.1: actual evidence", StringComparison.Ordinal) && t.Contains("Named in policy", StringComparison.Ordinal));
            Assert.Contains(rows, t => t.Contains("Item 1.1: rating", StringComparison.Ordinal) && t.Contains("Good", StringComparison.Ordinal));
        }

        var contributor = await factory.CreatePersonAsync(Role.AgencyContributor, agencyId: agencies[0], name: "Cat Contributor");
        using var c = factory.CreateHtmlClient();
        await c.SignInAsync(contributor.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync($"/returns/{returnId}/history")).Status);
    }

    /// <summary>A masa-2018 round launched to the agencies, due yesterday.</summary>
    private async Task<int> LaunchedRoundAsync(int partnershipId, IReadOnlyList<int> agencies)
    {
        await using var db = factory.Database.CreateContext();
        var framework = await db.FrameworkVersions.SingleAsync(f => f.FrameworkKey == "masa-2018");
        var catalog = new Section11.Core.Frameworks.FrameworkCatalog();
        var round = new Section11.Core.Rounds.Round
        {
            PartnershipId = partnershipId, FrameworkVersionId = framework.Id, Title = $"Round {Guid.NewGuid():N}"[..14],
            OpensOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-60), DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), CreatedAt = DateTime.UtcNow,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var service = new Section11.Core.Rounds.RoundService(db, catalog, TimeProvider.System);
        Assert.Empty(await service.LaunchAsync(round.Id, [.. agencies], "system"));
        return round.Id;
    }
}
