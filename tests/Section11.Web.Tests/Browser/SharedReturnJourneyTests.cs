using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Section11.Core.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// Complete once, share (issue #13), in real browsers with the demo accounts, one per person: the NHS trust sits in
/// Northshire and Southvale; its lead accepts Southvale's request by sharing the one return it has for Northshire,
/// completes it (Southvale's local standard too), and the signatory signs once. Both trackers show it submitted and
/// both dashboards count it; Southvale's local item is in Southvale's report only. Southvale returns it for changes;
/// the lead changes one answer, the signatory signs again; Northshire's tracker, report and history then show the
/// revised version. axe checks every page.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Share")]
[Collection(BrowserCollection.Name)]
public sealed class SharedReturnJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    private const string LeadEmail = "trust.lead@northshire-hospitals.example";
    private const string SignatoryEmail = "trust.signatory@northshire-hospitals.example";
    private const string NorthshireAdmin = "admin@northshire-partnership.example";
    private const string SouthvaleAdmin = "admin@southvale-partnership.example";
    private const string LocalItemText = "The agency takes part in Southvale's multi-agency audits of child exploitation referrals";
    private const int Standards = 8; // the seven of masa-2018 and Southvale's local standard

    [Fact]
    public async Task The_trust_completes_one_return_for_two_partnerships_and_both_see_its_revision()
    {
        var clock = Stopwatch.StartNew();
        await using var axe = new AxeLog(browser, javaScript: true);
        int northshireRound, southvaleRound, northshireId, southvaleId;
        await using (var db = server.Database.CreateContext())
        {
            (northshireId, northshireRound) = await RoundAsync(db, DemoData.PartnershipName);
            (southvaleId, southvaleRound) = await RoundAsync(db, DemoData.SecondPartnershipName);
        }

        var northshirePath = $"/partnerships/{northshireId}/rounds/{northshireRound}";
        var southvalePath = $"/partnerships/{southvaleId}/rounds/{southvaleRound}";
        await using var northContext = await browser.NewContextAsync(server.ServerAddress);
        var north = await SignInAsync(northContext, NorthshireAdmin, axe);
        await using var southContext = await browser.NewContextAsync(server.ServerAddress);
        var south = await SignInAsync(southContext, SouthvaleAdmin, axe);
        var northCounted = await SubmittedCountAsync(north, northshirePath, axe);
        var southCounted = await SubmittedCountAsync(south, southvalePath, axe);

        // The lead sees Southvale's request and shares the return the trust already has for Northshire.
        await using var leadContext = await browser.NewContextAsync(server.ServerAddress);
        var lead = await SignInAsync(leadContext, LeadEmail, axe);
        await lead.Locator("#return-requests").GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{DemoData.SecondPartnershipName} asks for") }).ClickAsync();
        await Expect(H1(lead)).ToHaveTextAsync($"{DemoData.SecondPartnershipName} asks for your Section 11 return");
        await axe.CheckAsync(lead);
        await RadioAsync(lead, "What do you want to send?", $"Share the return you are sending to {DemoData.PartnershipName}");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await Expect(lead).ToHaveURLAsync(new Regex(@"/returns/\d+$"));
        var returnPath = new Uri(lead.Url).AbsolutePath;
        await Expect(lead.Locator("#receipts li")).ToHaveCountAsync(2);
        await Expect(lead.Locator("#receipts")).ToContainTextAsync(DemoData.PartnershipName);
        await Expect(lead.Locator("#receipts")).ToContainTextAsync(DemoData.SecondPartnershipName);
        await Expect(lead.Locator("#progress")).ToHaveTextAsync($"You have completed 0 of {Standards} standards.");
        await Expect(lead.Locator(".govuk-task-list__item").Filter(new() { HasText = "Standard 8:" })).ToContainTextAsync($"Only {DemoData.SecondPartnershipName} receives this standard");
        await axe.CheckAsync(lead, "shared with two partnerships");

        await lead.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Standard 1: ") }).ClickAsync();
        for (var n = 1; n <= Standards; n++)
        {
            // A local standard's address names its round.
            await Expect(lead).ToHaveURLAsync(new Regex($@"{Regex.Escape(returnPath)}/standards/{n}(\?round=\d+)?$"));
            await axe.CheckAsync(lead);
            foreach (var number in (await lead.Locator("section.app-item h2").AllInnerTextsAsync()).Select(i => i.Trim()))
            {
                await RadioAsync(lead, $"Rating for {number}", "Good");
                await lead.GetByLabel($"Actual evidence for {number}", new() { Exact = true }).FillAsync($"Evidence for {number}: policy reviewed by the board.");
            }

            await RadioAsync(lead, $"How have you evaluated standard {n}?", "Good");
            await lead.GetByLabel("Supporting statement", new() { Exact = true }).FillAsync($"Standard {n} is met and audited every year.");
            await lead.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
        }

        await SendForSignOffAsync(lead, returnPath, axe);

        // The signatory signs once, and the return goes to both partnerships.
        await using var signatoryContext = await browser.NewContextAsync(server.ServerAddress);
        var signer = await SignInAsync(signatoryContext, SignatoryEmail, axe);
        await SignOffAsync(signer, returnPath, axe);

        foreach (var (admin, path, counted) in new[] { (north, northshirePath, northCounted), (south, southvalePath, southCounted) })
        {
            await admin.GotoAsync(path);
            await Expect(TrackerStatus(admin)).ToHaveTextAsync("Submitted");
            await Expect(TrackerRow(admin).Locator(".app-revised")).ToHaveCountAsync(0);
            await axe.CheckAsync(admin, "submitted");
            Assert.Equal(counted.Submitted + 1, (await SubmittedCountAsync(admin, path, axe, "submitted")).Submitted);
        }

        // Southvale's local item is in Southvale's report, and not in Northshire's.
        var returnId = int.Parse(returnPath.Split('/')[^1], CultureInfo.InvariantCulture);
        await OpenReportAsync(south, southvalePath, returnId, axe);
        await Expect(south.Locator("#standard-8")).ToHaveTextAsync($"Standard 8: Local requirements of {DemoData.SecondPartnershipName}");
        await Expect(south.Locator("#item-8-1")).ToContainTextAsync(LocalItemText);
        await OpenReportAsync(north, northshirePath, returnId, axe);
        await Expect(north.Locator("h2[id^=standard-]")).ToHaveCountAsync(7);
        await Expect(north.Locator("main")).Not.ToContainTextAsync(LocalItemText);
        await Expect(north.Locator("main")).Not.ToContainTextAsync("Southvale");

        // Southvale returns it for changes.
        await south.GotoAsync(southvalePath);
        await TrackerRow(south).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Return for changes") }).ClickAsync();
        await Expect(H1(south)).ToHaveTextAsync("Return for changes");
        await axe.CheckAsync(south);
        const string reason = "Item 2.1: say which board reviewed the policy, and when.";
        await south.GetByLabel("What does the agency need to change?", new() { Exact = true }).FillAsync(reason);
        await south.GetByRole(AriaRole.Button, new() { Name = "Return for changes", Exact = true }).ClickAsync();
        await Expect(south).ToHaveURLAsync(Url(southvalePath));
        await Expect(TrackerStatus(south)).ToHaveTextAsync("Returned for changes");
        await axe.CheckAsync(south, "returned for changes");

        // The lead reads Southvale's reason, changes one answer and sends it for sign-off again.
        await lead.GotoAsync(returnPath);
        await Expect(lead.Locator(".app-returned-reason")).ToHaveTextAsync(reason);
        await axe.CheckAsync(lead, "returned for changes");
        await lead.GotoAsync($"{returnPath}/standards/2");
        await axe.CheckAsync(lead, "returned for changes");
        const string revised = "Evidence for 2.1: policy reviewed by the safeguarding board in March 2026.";
        await lead.GetByLabel("Actual evidence for 2.1", new() { Exact = true }).FillAsync(revised);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(Url($"{returnPath}/standards/3"));
        await SendForSignOffAsync(lead, returnPath, axe);
        await SignOffAsync(signer, returnPath, axe);

        // Northshire sees the revised version: in its tracker, its report and the history.
        await north.GotoAsync(northshirePath);
        await Expect(TrackerStatus(north)).ToHaveTextAsync("Submitted");
        await Expect(TrackerRow(north).Locator(".app-revised")).ToHaveTextAsync("Revised after submission");
        await axe.CheckAsync(north, "revised");
        await OpenReportAsync(north, northshirePath, returnId, axe);
        await Expect(north.Locator("#facts")).ToContainTextAsync("Submitted, revised after submission");
        await Expect(north.Locator("#item-2-1")).ToContainTextAsync(revised);
        await Expect(north.Locator("main")).Not.ToContainTextAsync(reason);
        await north.GotoAsync($"{returnPath}/view");
        await north.GetByRole(AriaRole.Link, new() { Name = "See the change history", Exact = true }).ClickAsync();
        await Expect(north).ToHaveURLAsync(Url($"{returnPath}/history"));
        var change = north.Locator(".app-history tbody tr").Filter(new() { HasText = revised });
        await Expect(change).ToHaveCountAsync(1);
        await Expect(change.Locator("td").Nth(2)).ToHaveTextAsync("Item 2.1: actual evidence");
        await Expect(change.Locator("td").Nth(3)).ToHaveTextAsync("Evidence for 2.1: policy reviewed by the board.");
        // Southvale's request (its reason) is its own: Northshire's history leaves it out.
        await Expect(north.Locator(".app-history")).Not.ToContainTextAsync(reason);
        await axe.CheckAsync(north, "revised");
        await north.GotoAsync(northshirePath);
        Assert.Equal(northCounted.Submitted + 1, (await SubmittedCountAsync(north, northshirePath, axe, "revised")).Submitted);

        output.WriteLine($"{axe.Pages.Count} pages checked with axe in {clock.Elapsed.TotalSeconds:F1}s");
        axe.AssertNone();
    }

    private static async Task<(int PartnershipId, int RoundId)> RoundAsync(Section11DbContext db, string partnership)
    {
        var round = await db.Receipts.Where(x => x.Round.Partnership.Name == partnership && x.Agency.Name == DemoData.Trust)
            .OrderByDescending(x => x.Round.DueOn).Select(x => new { x.Round.PartnershipId, x.RoundId }).FirstAsync();
        return (round.PartnershipId, round.RoundId);
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string email, AxeLog axe)
    {
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, email, axe, DemoData.Password);
        await axe.CheckAsync(page, $"as {email}");
        return page;
    }

    /// <summary>The round's dashboard: how many returns its figures count, of how many.</summary>
    private async Task<(int Submitted, int Of)> SubmittedCountAsync(IPage admin, string roundPath, AxeLog axe, string? state = null)
    {
        await admin.GotoAsync($"{roundPath}/dashboard");
        var text = await admin.Locator("#submitted-count").InnerTextAsync();
        await axe.CheckAsync(admin, state);
        var match = Regex.Match(text, @"^(\d+) of (\d+)$");
        Assert.True(match.Success, text);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>From the round's agency reports, the trust's report in this round.</summary>
    private async Task OpenReportAsync(IPage admin, string roundPath, int returnId, AxeLog axe)
    {
        await admin.GotoAsync($"{roundPath}/reports");
        await axe.CheckAsync(admin);
        await admin.Locator("#reports").GetByRole(AriaRole.Link, new() { Name = DemoData.Trust, Exact = true }).ClickAsync();
        // A partnership sees only its own receipt of a return, so its link needs no round: one address per report.
        await Expect(admin).ToHaveURLAsync(new Regex($@"/returns/{returnId}/report$"));
        await axe.CheckAsync(admin);
    }

    private async Task SendForSignOffAsync(IPage lead, string returnPath, AxeLog axe)
    {
        await lead.GotoAsync($"{returnPath}/check-answers");
        await Expect(H1(lead)).ToHaveTextAsync("Check your answers before sign-off");
        await Expect(lead.Locator(".app-standard")).ToHaveCountAsync(Standards);
        await axe.CheckAsync(lead);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Send for sign-off", Exact = true }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(Url($"{returnPath}/view"));
        await Expect(lead.Locator("#awaiting-sign-off")).ToContainTextAsync("waiting for a senior signatory");
        await axe.CheckAsync(lead, "awaiting sign-off");
    }

    private async Task SignOffAsync(IPage signer, string returnPath, AxeLog axe)
    {
        await signer.GotoAsync($"{returnPath}/view");
        await axe.CheckAsync(signer, "awaiting sign-off, as the signatory");
        await signer.Locator("#awaiting-sign-off").GetByText("Sign off and submit", new() { Exact = true }).ClickAsync();
        await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/sign-off"));
        await axe.CheckAsync(signer);
        await signer.GetByLabel("Name of the senior manager signing off", new() { Exact = true }).FillAsync("Dr Helen Marsh");
        await signer.GetByLabel("Post held", new() { Exact = true }).FillAsync("Chief Nurse");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var date = Group(signer, "Date of sign-off");
        await date.GetByLabel("Day", new() { Exact = true }).FillAsync(today.Day.ToString(CultureInfo.InvariantCulture));
        await date.GetByLabel("Month", new() { Exact = true }).FillAsync(today.Month.ToString(CultureInfo.InvariantCulture));
        await date.GetByLabel("Year", new() { Exact = true }).FillAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await signer.GetByLabel("The senior manager named above agrees with the declaration").CheckAsync();
        await signer.GetByRole(AriaRole.Button, new() { Name = "Submit return", Exact = true }).ClickAsync();
        await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/confirmation"));
        await Expect(signer.Locator(".govuk-panel--confirmation").GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Return submitted");
        await axe.CheckAsync(signer);
    }

    private Regex Url(string path) => new("^" + Regex.Escape(new Uri(server.ServerAddress, path).ToString()) + "(#.*)?$");

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Group(IPage page, string name) => page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    private static Task RadioAsync(IPage page, string question, string label) =>
        Group(page, question).GetByLabel(label, new() { Exact = true }).CheckAsync();

    private static ILocator TrackerRow(IPage page) => page.Locator("#tracker tbody tr").Filter(new() { HasText = DemoData.Trust });

    private static ILocator TrackerStatus(IPage page) => TrackerRow(page).Locator(".app-status strong");
}
