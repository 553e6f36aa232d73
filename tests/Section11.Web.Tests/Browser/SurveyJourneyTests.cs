using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The all-staff survey in real browsers (docs/survey.md): a partnership administrator sets the survey up, adds two
/// questions mapped to framework items (meeting the error summary on the way) and opens it; twelve members of staff
/// answer anonymously, each in a browser of their own, through their agency's link (the first also sees the reminder
/// its browser gets); the administrator closes the survey, a late answer is refused, and the results and the
/// triangulation show the numbers the fixed answers below give. Groups of three (an agency, a role) are never shown.
/// axe checks every page, with JavaScript on and off.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Survey")]
[Collection(BrowserCollection.Name)]
public sealed class SurveyJourneyTests(SurveyJourneyTests.Server server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<SurveyJourneyTests.Server>, IClassFixture<BrowserFixture>
{
    /// <summary>
    /// Every browser here answers from one loopback address; a trust's staff behind one proxy look the same. Two runs
    /// of the journey send 28 answers in well under a minute, more than the default limit of 20.
    /// </summary>
    public sealed class Server : HttpsServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Survey:AnswersPerMinute", "200");
        }
    }

    private const string Q1 = "I know how to refer a child to children's social care";
    private const string Q2 = "Do you know who your agency's safeguarding lead is?";
    private const string Direct = "Working directly with children or families";
    private const string Manager = "Manager or supervisor";

    /// <summary>
    /// The twelve answers. Alder (rates 1.1 Outstanding, 2.1 Good): nine people, six working directly with children and
    /// three managers; question 1 agreeing 5 of 9 (56%, under 75%: flagged), question 2 yes 8 of 9 (89%, not flagged).
    /// Birch (rates 2.1 Requires improvement): three people, all agreeing: below the minimum group size of 5, so no
    /// share and no flag, though 100% would contradict its rating.
    /// </summary>
    private static readonly (string Agency, string Likert, string YesNo, string Role)[] Answers =
    [
        ("Alder", "Strongly agree", "Yes", Direct), ("Alder", "Agree", "Yes", Direct), ("Alder", "Agree", "Yes", Direct),
        ("Alder", "Disagree", "Yes", Direct), ("Alder", "Neither agree nor disagree", "No", Direct), ("Alder", "Agree", "Yes", Direct),
        ("Alder", "Strongly agree", "Yes", Manager), ("Alder", "Strongly disagree", "Yes", Manager), ("Alder", "Disagree", "Yes", Manager),
        ("Birch", "Agree", "Yes", Direct), ("Birch", "Agree", "Yes", Direct), ("Birch", "Agree", "Yes", Direct),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_administrator_runs_a_survey_that_twelve_staff_answer_and_reads_the_results_and_the_triangulation(bool javaScript)
    {
        await using var axe = new AxeLog(browser, javaScript);
        ReportingTestData.Created data;
        await using (var db = server.Database.CreateContext())
        {
            data = await ReportingTestData.CreateAsync(db);
        }

        string alder = $"Alder Hospital Trust {data.Suffix}", birch = $"Birch Police {data.Suffix}";
        int p = data.PartnershipId, r = data.RoundId;
        var admin = await server.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p, name: "Ada Admin");
        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript, width: 1280);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, admin.Email, axe);

        // Set up: the details (first without an introduction), then two mapped questions (first with an unknown item).
        await page.GotoAsync(Links.Round(p, r));
        await page.GetByRole(AriaRole.Link, new() { Name = "All-staff survey", Exact = true }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("All-staff survey");
        await axe.CheckAsync(page, "no survey");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up the survey", Exact = true }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Survey introduction and dates");
        await axe.CheckAsync(page);
        var today = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime);
        await FillDateAsync(page, "Opens on", today);
        await FillDateAsync(page, "Closes on", today.AddDays(14));
        await page.GetByLabel("Ask for their role", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
        await ExpectErrorsAsync(page, javaScript, "Enter an introduction that tells staff what the survey is for");
        await Expect(page.GetByLabel("Ask for their role", new() { Exact = true })).ToBeCheckedAsync();
        await axe.CheckAsync(page, "no introduction");
        await page.GetByLabel("Introduction", new() { Exact = true }).FillAsync("Tell us what you know about safeguarding here. It takes two minutes and is anonymous.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("The survey's introduction and dates have been saved");
        await Expect(page.Locator("#survey-state")).ToHaveTextAsync("Not open yet");
        await axe.CheckAsync(page, "no questions");

        await AddQuestionAsync(page, axe, Q1, "Agree or disagree (five points)", "1.1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a question", Exact = true }).ClickAsync();
        await page.GetByLabel("Question", new() { Exact = true }).FillAsync(Q2);
        await RadioAsync(page, "Kind of answer", "Yes, no or not sure");
        await page.GetByLabel("Framework items this question is evidence for (optional)", new() { Exact = true }).FillAsync("2.1, 9.9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question", Exact = true }).ClickAsync();
        await ExpectErrorsAsync(page, javaScript, "9.9 is not an item of this round's framework: enter item numbers such as 1.2");
        await Expect(page.GetByLabel("Question", new() { Exact = true })).ToHaveValueAsync(Q2);
        await axe.CheckAsync(page, "unknown item");
        await page.GetByLabel("Framework items this question is evidence for (optional)", new() { Exact = true }).FillAsync("2.1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question", Exact = true }).ClickAsync();
        await Expect(page.Locator("#questions > li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#questions > li").Nth(1)).ToContainTextAsync("Framework items 2.1");
        await axe.CheckAsync(page, "two questions");

        // Open: every agency's link, shown once.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the survey", Exact = true }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Open the survey?");
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the survey", Exact = true }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Each agency's survey link");
        await Expect(page.Locator("#survey-links tbody tr")).ToHaveCountAsync(5);
        await axe.CheckAsync(page, "links");
        var links = new Dictionary<string, string>
        {
            ["Alder"] = await LinkOfAsync(page, alder),
            ["Birch"] = await LinkOfAsync(page, birch),
        };

        // Twelve people answer, each in a browser of their own. The first sends nothing at first, then answers, then
        // opens the link again: its browser remembers that the survey was answered there, and offers the form anyway.
        foreach (var (answer, i) in Answers.Select((a, i) => (a, i)))
        {
            await using var staff = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript, width: i == 0 ? 320 : 1280);
            var form = await staff.NewPageAsync();
            await form.GotoAsync(links[answer.Agency]);
            await Expect(H1(form)).ToHaveTextAsync("Staff survey");
            await Expect(form.Locator(".govuk-caption-l")).ToHaveTextAsync(answer.Agency == "Alder" ? alder : birch);
            if (i == 0)
            {
                await axe.CheckAsync(form, "at 320 px");
                await form.GetByRole(AriaRole.Button, new() { Name = "Send my answers", Exact = true }).ClickAsync();
                await ExpectErrorsAsync(form, javaScript, "Select an answer to question 1", "Select an answer to question 2", "Select an answer to your role");
                await axe.CheckAsync(form, "nothing answered, at 320 px");
            }

            await RadioAsync(form, $"1. {Q1}", answer.Likert);
            await RadioAsync(form, $"2. {Q2}", answer.YesNo);
            await RadioAsync(form, "Your role", answer.Role);
            await form.GetByRole(AriaRole.Button, new() { Name = "Send my answers", Exact = true }).ClickAsync();
            await Expect(form.Locator(".govuk-panel--confirmation h1")).ToHaveTextAsync("Your answers have been sent");
            if (i == 0)
            {
                await axe.CheckAsync(form, "at 320 px");
                await form.GotoAsync(links[answer.Agency]);
                await Expect(H1(form)).ToHaveTextAsync("This survey has been answered on this browser");
                await axe.CheckAsync(form, "answered on this browser, at 320 px");
                await form.GetByRole(AriaRole.Link, new() { Name = "Answer the survey", Exact = true }).ClickAsync();
                await Expect(H1(form)).ToHaveTextAsync("Staff survey");
                await axe.CheckAsync(form, "answering again, at 320 px");
            }
        }

        // The administrator sees the counts and closes the survey; a late answer is refused.
        await page.GotoAsync(Links.Survey(p, r));
        await Expect(page.Locator("#response-total")).ToHaveTextAsync("12 responses so far.");
        await Expect(page.Locator("#responses-per-agency tbody tr").Filter(new() { HasText = alder }).Locator("td")).ToHaveTextAsync("9");
        await Expect(page.Locator("#responses-per-agency tbody tr").Filter(new() { HasText = birch }).Locator("td")).ToHaveTextAsync("3");
        await Expect(page.Locator("#responses-per-day tbody tr td")).ToHaveTextAsync(["12"]);
        await axe.CheckAsync(page, "taking answers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the survey now", Exact = true }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("The survey has been closed: it takes no more answers");
        await Expect(page.Locator("#survey-state")).ToHaveTextAsync("Closed");
        await axe.CheckAsync(page, "closed");
        await using (var late = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript))
        {
            var form = await late.NewPageAsync();
            await form.GotoAsync(links["Alder"]);
            await Expect(H1(form)).ToHaveTextAsync("This survey is closed");
            await axe.CheckAsync(form, "closed");
        }

        // The partnership's results: all twelve; by role only the nine working directly with children (three managers never).
        await page.GetByRole(AriaRole.Link, new() { Name = "See the results", Exact = true }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Survey results");
        await Expect(page.Locator("#all-responses")).ToHaveTextAsync("12 responses.");
        await Expect(Cells(page, "#all-q1-table tbody tr")).ToHaveTextAsync([
            "Strongly agree", "2", "17%", "Agree", "6", "50%", "Neither agree nor disagree", "1", "8%", "Disagree", "2", "17%",
            "Strongly disagree", "1", "8%", "Agreeing (agree and strongly agree)", "8", "67%"]);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Bar chart of answers to question 1: Strongly agree 2 (17%), Agree 6 (50%), Neither agree nor disagree 1 (8%), Disagree 2 (17%), Strongly disagree 1 (8%)" }))
            .ToHaveCountAsync(1);
        await Expect(Cells(page, "#all-q2-agree")).ToHaveTextAsync(["Agreeing (yes)", "11", "92%"]);
        await Expect(Cells(page, "#all-q1-roles tbody tr")).ToHaveTextAsync([Direct, "9", "1 (11%)", "6 (67%)", "1 (11%)", "1 (11%)", "0 (0%)", "78%"]);
        await Expect(page.Locator("main")).Not.ToContainTextAsync(Manager);
        await axe.CheckAsync(page);
        if (javaScript)
        {
            await DocScreenshot.TakeAsync(page, "survey-results.png", 1500, output);
        }

        // Alder's nine: the six working directly with children shown by role, its three managers never.
        await page.GetByRole(AriaRole.Link, new() { Name = alder, Exact = true }).ClickAsync();
        var a = $"#agency-{data.AgencyIds.Alder}";
        await Expect(H1(page)).ToHaveTextAsync($"Survey results: {alder}");
        await Expect(Cells(page, $"{a}-q1-table tbody tr")).ToHaveTextAsync([
            "Strongly agree", "2", "22%", "Agree", "3", "33%", "Neither agree nor disagree", "1", "11%", "Disagree", "2", "22%",
            "Strongly disagree", "1", "11%", "Agreeing (agree and strongly agree)", "5", "56%"]);
        await Expect(Cells(page, $"{a}-q1-roles tbody tr")).ToHaveTextAsync([Direct, "6", "1 (17%)", "3 (50%)", "1 (17%)", "1 (17%)", "0 (0%)", "67%"]);
        await Expect(Cells(page, $"{a}-q2-agree")).ToHaveTextAsync(["Agreeing (yes)", "8", "89%"]);
        await Expect(page.Locator("main")).Not.ToContainTextAsync(Manager);
        await axe.CheckAsync(page);

        // Birch's three: no numbers at all.
        await page.GetByRole(AriaRole.Link, new() { Name = "Survey results", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = birch, Exact = true }).ClickAsync();
        await Expect(page.Locator($"#agency-{data.AgencyIds.Birch}-responses")).ToHaveTextAsync("3 responses.");
        await Expect(page.Locator($"#agency-{data.AgencyIds.Birch}-too-few")).ToHaveTextAsync("Fewer than 5 people answered, so no results are shown: they could point at who answered.");
        await Expect(page.Locator("main table, main svg")).ToHaveCountAsync(0);
        await axe.CheckAsync(page, "too few");

        // Triangulation: Alder's Outstanding 1.1 against 56% agreeing is the one flag; Birch has no share.
        await page.GetByRole(AriaRole.Link, new() { Name = "Survey results", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare staff answers with agencies' ratings (triangulation)", Exact = true }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Staff answers and agencies' ratings");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Flagged (1)", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#flagged li")).ToHaveTextAsync([$"{alder}, item 1.1: rated Outstanding, 56% of staff answers agree (5 of 9). Rated as meeting, but few staff agree."]);
        await Expect(TriangulationRow(page, alder, "1.1")).ToHaveTextAsync([alder, "1.1", "Outstanding", "None", "56% (5 of 9)", "Rated as meeting, but few staff agree"]);
        await Expect(TriangulationRow(page, alder, "2.1")).ToHaveTextAsync([alder, "2.1", "Good", "None", "89% (8 of 9)", ""]);
        await Expect(TriangulationRow(page, birch, "2.1")).ToHaveTextAsync([birch, "2.1", "Requires improvement", "None", "Too few responses (3)", ""]);
        await Expect(page.Locator("#triangulation tbody tr")).ToHaveCountAsync(10);
        await axe.CheckAsync(page);
        if (javaScript)
        {
            await DocScreenshot.TakeAsync(page, "survey-triangulation.png", 1400, output);
        }

        output.WriteLine($"{axe.Pages.Count} pages checked with axe (JavaScript {(javaScript ? "on" : "off")})");
        axe.AssertNone();
    }

    /// <summary>The cells of one agency's row for one item in the triangulation table.</summary>
    private static ILocator TriangulationRow(IPage page, string agency, string item) =>
        page.Locator("#triangulation tbody tr").Filter(new() { HasText = agency })
            .Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = item, Exact = true }) }).Locator("th, td");

    private static async Task AddQuestionAsync(IPage page, AxeLog axe, string text, string kind, string items)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a question", Exact = true }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Add a question");
        await axe.CheckAsync(page);
        await page.GetByLabel("Question", new() { Exact = true }).FillAsync(text);
        await RadioAsync(page, "Kind of answer", kind);
        await page.GetByLabel("Framework items this question is evidence for (optional)", new() { Exact = true }).FillAsync(items);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question", Exact = true }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("The question has been added");
    }

    private static async Task<string> LinkOfAsync(IPage page, string agency)
    {
        var url = await page.Locator("#survey-links tbody tr").Filter(new() { HasText = agency }).Locator("code").InnerTextAsync();
        Assert.Matches(@"/survey/[A-Za-z0-9_-]{43}$", url);
        return url;
    }

    private static ILocator Cells(IPage page, string rows) => page.Locator(rows).Locator("th, td");

    private static async Task ExpectErrorsAsync(IPage page, bool javaScript, params string[] errors)
    {
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(errors);
        if (javaScript)
        {
            // GOV.UK Frontend moves focus to the summary, so it is read out first.
            await Expect(summary).ToBeFocusedAsync();
        }
    }

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static Task RadioAsync(IPage page, string question, string label) =>
        page.GetByRole(AriaRole.Group, new() { Name = question, Exact = true }).GetByLabel(label, new() { Exact = true }).CheckAsync();

    private static async Task FillDateAsync(IPage page, string legend, DateOnly date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });
        await group.GetByLabel("Day", new() { Exact = true }).FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month", new() { Exact = true }).FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year", new() { Exact = true }).FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
