using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// From a submitted return to a Green action, in a real browser with JavaScript: the lead (who signs off too) submits
/// the return, turns the item it rated below the standard into an improvement area, adds a SMART action, logs progress
/// and rates the action Green once the impact is recorded. axe checks every page on the way. The same journey without
/// a browser is <see cref="Pages.Agencies.ActionPlan.ActionPlanTests"/>.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ActionPlanJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    private const string Framework = "masa-2018";
    private const string ActionRequired = "Publicise the named safeguarding lead on every staff noticeboard and the intranet.";

    [Fact]
    public async Task A_lead_submits_a_return_and_takes_its_gap_through_the_action_plan_to_green()
    {
        var clock = Stopwatch.StartNew();
        await using var axe = new AxeLog(browser, javaScript: true);
        var lead = await server.CreateLeadWhoSignsAsync(Framework);
        string agencyName;
        await using (var db = server.Database.CreateContext())
        {
            agencyName = (await db.Agencies.FindAsync(lead.AgencyId))!.Name;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var timescale = today.AddMonths(6);
        await AnswerEveryStandardAsync(lead, timescale);
        var returnPath = $"/returns/{lead.ReturnId}";
        var planPath = $"/agencies/{lead.AgencyId}/action-plan";

        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript: true);
        var page = await context.NewPageAsync();

        // Sign in; the completed return is ready to check and sign off.
        await BrowserSteps.SignInAsync(page, server, lead.Email, axe);
        await Expect(page).ToHaveURLAsync(Url("/"));
        await axe.CheckAsync(page);
        await page.Locator("table").GetByRole(AriaRole.Link, new() { Name = agencyName }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url(returnPath));
        await Expect(page.Locator("#submit-status")).ToHaveTextAsync("Not started");
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Check your answers and submit", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url($"{returnPath}/check-answers"));
        await Expect(page.Locator("#problems")).ToHaveCountAsync(0);
        await Expect(page.Locator("#standard-1")).ToContainTextAsync(ActionRequired);
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to sign-off", Exact = true }).ClickAsync();

        // Sign off and submit, as the lead who is also the senior signatory.
        await Expect(page).ToHaveURLAsync(Url($"{returnPath}/sign-off"));
        await Expect(page.GetByLabel("Organisation", new() { Exact = true })).ToHaveValueAsync(agencyName);
        await axe.CheckAsync(page);
        await page.GetByLabel("Name of the senior manager signing off", new() { Exact = true }).FillAsync("Sam Lead");
        await page.GetByLabel("Post held", new() { Exact = true }).FillAsync("Practice manager and safeguarding lead");
        await FillDateAsync(page, "Date of sign-off", today);
        await page.GetByLabel("The senior manager named above agrees with the declaration").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit return", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url($"{returnPath}/confirmation"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Return submitted");
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to your returns", Exact = true }).ClickAsync();

        // The home page leads to the agency's action plan, which offers the return's gap.
        await Expect(page).ToHaveURLAsync(Url("/"));
        await axe.CheckAsync(page, "return submitted");
        await page.GetByRole(AriaRole.Link, new() { Name = $"{agencyName}: action plan", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url(planPath));
        await Expect(H1(page)).ToHaveTextAsync("Action plan");
        await Expect(page.Locator("#empty")).ToHaveTextAsync("The action plan is empty.");
        await Expect(page.Locator($"#from-return-{lead.ReturnId}")).ToContainTextAsync("1 item of your return");
        await axe.CheckAsync(page, "empty");
        await page.Locator($"#from-return-{lead.ReturnId}").GetByRole(AriaRole.Link, new() { Name = "Add them to the action plan", Exact = true }).ClickAsync();

        // Accept the suggested improvement area, with the return's action as its outcome.
        await Expect(page).ToHaveURLAsync(Url($"{planPath}/from-return/{lead.ReturnId}"));
        await Expect(page.Locator(".app-suggestion h2")).ToHaveTextAsync(["1.1: rated Requires improvement"]);
        await Expect(page.GetByLabel("Add 1.1 to the action plan", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Desired outcome for 1.1", new() { Exact = true })).ToHaveValueAsync(ActionRequired);
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the action plan", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url(planPath));
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("1 improvement area added. Now add the specific actions.");
        await Expect(page.Locator("#area-1 h3")).ToHaveTextAsync($"1. {ActionRequired}");
        await Expect(page.Locator("#area-1")).ToContainTextAsync("No actions yet.");
        await Expect(page.Locator($"#from-return-{lead.ReturnId}")).ToHaveCountAsync(0);
        await axe.CheckAsync(page, "one area");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an action to improvement area 1", Exact = true }).ClickAsync();

        // Add an action: it starts from the return's action and timescale, but needs a named professional.
        await Expect(page).ToHaveURLAsync(new Regex(@"/action-plan/areas/\d+/actions/new$"));
        await Expect(H1(page)).ToHaveTextAsync("Add an action");
        await Expect(page.GetByLabel("Specific action", new() { Exact = true })).ToHaveValueAsync(ActionRequired);
        var deadline = Group(page, "Deadline");
        await Expect(deadline.GetByLabel("Day", new() { Exact = true })).ToHaveValueAsync(timescale.Day.ToString(CultureInfo.InvariantCulture));
        await Expect(deadline.GetByLabel("Year", new() { Exact = true })).ToHaveValueAsync(timescale.Year.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel("Organisation with lead responsibility", new() { Exact = true })).ToHaveValueAsync(agencyName);
        await axe.CheckAsync(page);
        var indicators = "95% of staff name the safeguarding lead in the annual staff survey";
        await page.GetByLabel("Success indicators", new() { Exact = true }).FillAsync(indicators);
        await AddActionButton(page).ClickAsync();

        await ExpectErrorSummaryAsync(page, "Enter the named professional accountable for the action");
        await Expect(page.GetByLabel("Success indicators", new() { Exact = true })).ToHaveValueAsync(indicators);
        await Expect(page.Locator("#Action-AccountablePerson-error")).ToContainTextAsync("Enter the named professional accountable");
        await axe.CheckAsync(page, "error summary");
        await page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link).ClickAsync();
        var accountable = page.GetByLabel("Named professional accountable", new() { Exact = true });
        await Expect(accountable).ToBeFocusedAsync();
        await accountable.FillAsync("Dr Anna Green, named nurse");
        await AddActionButton(page).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url(planPath));
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("Action added");
        var row = page.Locator("#action-1-1");
        await Expect(row).ToContainTextAsync(ActionRequired);
        await Expect(row).ToContainTextAsync("Dr Anna Green, named nurse");
        await Expect(row.Locator(".app-rag")).ToHaveTextAsync("Not rated");
        await axe.CheckAsync(page, "one action");
        await row.GetByRole(AriaRole.Link, new() { Name = "1.1", Exact = true }).ClickAsync();

        // The action: a dated progress entry in its log.
        await Expect(page).ToHaveURLAsync(new Regex(@"/action-plan/actions/\d+$"));
        var actionUrl = page.Url;
        await Expect(H1(page)).ToHaveTextAsync("Action 1.1");
        await Expect(page.Locator("#current-rag")).ToHaveTextAsync("Not rated");
        await Expect(page.GetByText("No entries yet.")).ToBeVisibleAsync();
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a dated entry", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/action-plan/actions/\d+/monitoring/new$"));
        await Expect(Group(page, "Date").GetByLabel("Year", new() { Exact = true })).ToHaveValueAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await axe.CheckAsync(page);
        await FillDateAsync(page, "Date", today);
        await Group(page, "What kind of entry is this?").GetByLabel("Progress", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("What happened", new() { Exact = true }).FillAsync("Posters up in every staff room; intranet page published.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add entry", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(actionUrl);
        var monitoring = page.Locator("#monitoring");
        await Expect(monitoring).ToContainTextAsync("Posters up in every staff room; intranet page published.");
        await Expect(monitoring).ToContainTextAsync($"{today.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, progress, by Sam Lead");
        await axe.CheckAsync(page, "one entry");

        // Green needs the impact and evidence: the page refuses, keeping what was typed.
        var changedIndicators = "97% of staff name the safeguarding lead in the staff survey";
        await page.GetByLabel("Success indicators", new() { Exact = true }).FillAsync(changedIndicators);
        await Group(page, "RAG rating").GetByLabel("Green", new() { Exact = true }).CheckAsync();
        await FillDateAsync(page, "Completion date (optional)", today);
        await SaveActionButton(page).ClickAsync();

        await ExpectErrorSummaryAsync(page, "Record the impact and evidence before rating this action Green");
        await Expect(page).ToHaveURLAsync(actionUrl);
        await Expect(Group(page, "RAG rating").GetByLabel("Green", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Success indicators", new() { Exact = true })).ToHaveValueAsync(changedIndicators);
        await Expect(Group(page, "Completion date (optional)").GetByLabel("Year", new() { Exact = true })).ToHaveValueAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel("Impact and evidence", new() { Exact = true })).ToBeEmptyAsync();
        await Expect(page.Locator("#Action-Rag-error")).ToContainTextAsync("Record the impact and evidence before rating this action Green");
        await Expect(page.Locator("#current-rag")).ToHaveTextAsync("Not rated");
        await axe.CheckAsync(page, "error summary");

        await page.GetByLabel("Impact and evidence", new() { Exact = true }).FillAsync("Staff survey: 97% of staff named the safeguarding lead, up from 60%.");
        await SaveActionButton(page).ClickAsync();

        // The plan shows the action Green.
        await Expect(page).ToHaveURLAsync(Url(planPath));
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("Action 1.1 saved");
        await Expect(page.Locator("#action-1-1 .app-rag")).ToHaveTextAsync("Green");
        await Expect(page.Locator("#rag-counts li")).ToHaveTextAsync(["Red: 0", "Amber: 0", "Green: 1", "Not rated: 0", "Overdue: 0"]);
        await axe.CheckAsync(page, "green");

        output.WriteLine($"{axe.Pages.Count} pages checked with axe in {clock.Elapsed.TotalSeconds:F1}s");
        foreach (var p in axe.Pages)
        {
            output.WriteLine("  " + p);
        }

        axe.AssertNone();
    }

    /// <summary>
    /// Every standard answered Good, except item 1.1: Requires improvement, with an action and a timescale. Posted
    /// as the lead's own browser would, without JavaScript, to save the browser the seven standard pages.
    /// </summary>
    private async Task AnswerEveryStandardAsync(Section11Factory.Lead lead, DateOnly timescale)
    {
        // The factory's own clients speak to a TestServer; this one speaks to Kestrel, over the test certificate.
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        using var client = new HtmlClient(new HttpClient(handler) { BaseAddress = server.ServerAddress }, server);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(lead.Email)).Status);
        await WholeReturn.CompleteAsync(client, lead.ReturnId, (n, values) =>
        {
            if (n == 1)
            {
                values["Answers[0].Rating"] = "requires-improvement";
                values["Answers[0].ActionRequired"] = ActionRequired;
                values["Answers[0].Timescale.Day"] = timescale.Day.ToString(CultureInfo.InvariantCulture);
                values["Answers[0].Timescale.Month"] = timescale.Month.ToString(CultureInfo.InvariantCulture);
                values["Answers[0].Timescale.Year"] = timescale.Year.ToString(CultureInfo.InvariantCulture);
            }
        });
    }

    private static async Task ExpectErrorSummaryAsync(IPage page, params string[] messages)
    {
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(messages);
        // GOV.UK Frontend moves focus to the summary, so it is read out first.
        await Expect(summary).ToBeFocusedAsync();
    }

    private static async Task FillDateAsync(IPage page, string legend, DateOnly date)
    {
        var group = Group(page, legend);
        await group.GetByLabel("Day", new() { Exact = true }).FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month", new() { Exact = true }).FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year", new() { Exact = true }).FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    private Regex Url(string path) => new("^" + Regex.Escape(new Uri(server.ServerAddress, path).ToString()) + "(#.*)?$");

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Group(IPage page, string name) =>
        page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    private static ILocator AddActionButton(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Add action", Exact = true });

    private static ILocator SaveActionButton(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Save action", Exact = true });
}
