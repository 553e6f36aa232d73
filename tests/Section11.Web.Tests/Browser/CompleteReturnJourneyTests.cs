using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section11.Core.Identity;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// A lead completes and submits a whole return in a real browser, as a person would: signing in with the form,
/// choosing radios by their labels, meeting the error summary once, and checking every page with axe.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class CompleteReturnJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    /// <summary>
    /// How a framework's journey goes: a level that meets the standard, one below it, and who signs off: the lead
    /// themselves (holding the senior signatory role too, as a small GP practice's lead does) or a separate senior
    /// signatory, to whom the lead sends the checked return.
    /// </summary>
    public sealed record Journey(string Framework, int Standards, string Meets, string Below, bool SeparateSignatory);

    private static readonly Journey PrimaryCare = new("primary-care-2014", 9, "Fully met", "Partially met", SeparateSignatory: false);
    private static readonly Journey Masa = new("masa-2018", 7, "Good", "Requires improvement", SeparateSignatory: true);

    public static TheoryData<string> Frameworks => new() { PrimaryCare.Framework, Masa.Framework };

    private static Journey JourneyFor(string framework) => framework == Masa.Framework ? Masa : PrimaryCare;

    [Theory]
    [MemberData(nameof(Frameworks))]
    public async Task A_lead_completes_a_return_and_it_is_signed_off_and_submitted_with_javascript(string framework)
    {
        await using var axe = new AxeLog(browser, javaScript: true);
        await CompleteReturnAsync(JourneyFor(framework), axe, javaScript: true);
        axe.AssertNone();
    }

    [Fact]
    public async Task A_lead_completes_a_return_and_it_is_signed_off_and_submitted_without_javascript()
    {
        await using var axe = new AxeLog(browser, javaScript: false);
        await CompleteReturnAsync(Masa, axe, javaScript: false);
        axe.AssertNone();
    }

    private async Task CompleteReturnAsync(Journey journey, AxeLog axe, bool javaScript)
    {
        var clock = Stopwatch.StartNew();
        var lead = await server.CreateLeadAsync(journey.Framework);
        string agencyName;
        await using (var db = server.Database.CreateContext())
        {
            agencyName = (await db.Agencies.FindAsync(lead.AgencyId))!.Name;
            if (!journey.SeparateSignatory)
            {
                db.RoleAssignments.Add(new RoleAssignment { UserId = lead.UserId, Role = Role.SeniorSignatory, AgencyId = lead.AgencyId });
                await db.SaveChangesAsync();
            }
        }

        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript);
        var page = await context.NewPageAsync();
        var returnPath = $"/returns/{lead.ReturnId}";

        // Sign in with the form; "Your returns" lists the agency's return.
        await BrowserSteps.SignInAsync(page, server, lead.Email, axe);
        await Expect(page).ToHaveURLAsync(Url("/"));
        await axe.CheckAsync(page);
        await page.Locator("table").GetByRole(AriaRole.Link, new() { Name = agencyName }).ClickAsync();

        // The task list.
        await Expect(page).ToHaveURLAsync(Url(returnPath));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{agencyName}: Section 11 return");
        await Expect(page.Locator("#progress")).ToHaveTextAsync($"You have completed 0 of {journey.Standards} standards.");
        await Expect(page.Locator(".govuk-task-list").First.Locator(".govuk-task-list__item")).ToHaveCountAsync(journey.Standards);
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Standard 1: ") }).ClickAsync();

        var timescale = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6);
        var belowItem = "";
        for (var n = 1; n <= journey.Standards; n++)
        {
            await Expect(page).ToHaveURLAsync(Url($"{returnPath}/standards/{n}"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex($"^Standard {n}: "));
            await axe.CheckAsync(page);

            var items = await page.Locator("section.app-item h2").AllInnerTextsAsync();
            Assert.NotEmpty(items);
            for (var i = 0; i < items.Count; i++)
            {
                var number = items[i].Trim();
                // One item in the whole return falls below the standard: the second item of standard 1.
                var below = n == 1 && i == 1;
                if (below)
                {
                    belowItem = number;
                }

                await RadioAsync(page, $"Rating for {number}", below ? journey.Below : journey.Meets);
                await page.GetByLabel($"Actual evidence for {number}", new() { Exact = true })
                    .FillAsync($"Evidence for {number}: safeguarding policy, reviewed March 2026.");
            }

            await RadioAsync(page, $"How have you evaluated standard {n}?", journey.Meets);
            await page.GetByLabel("Supporting statement", new() { Exact = true }).FillAsync($"Standard {n} is met: policies are in place, known to staff and audited.");

            if (n == 1)
            {
                // Below the standard without an action or a timescale: the page refuses and says why.
                await SaveAndContinueAsync(page);
                await Expect(page).ToHaveURLAsync(Url($"{returnPath}/standards/1"));
                await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
                var summary = page.Locator(".govuk-error-summary");
                await Expect(summary).ToBeVisibleAsync();
                await Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
                await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(
                [
                    $"Enter the action required for {belowItem}, because you rated it {journey.Below}",
                    $"Enter a timescale for {belowItem}, because you rated it {journey.Below}",
                ]);
                if (javaScript)
                {
                    // GOV.UK Frontend moves focus to the summary, so it is read out first.
                    await Expect(summary).ToBeFocusedAsync();
                }
                else
                {
                    // Without JavaScript it is still the first thing in the page's content.
                    await Expect(page.Locator("#main-content > :first-child")).ToHaveClassAsync(new Regex(@"\bgovuk-error-summary\b"));
                }

                // What was entered is kept, and the field says what is wrong.
                await Expect(Group(page, $"Rating for {belowItem}").GetByLabel(journey.Below, new() { Exact = true })).ToBeCheckedAsync();
                await Expect(page.GetByLabel($"Actual evidence for {items[0].Trim()}", new() { Exact = true })).ToHaveValueAsync(new Regex("^Evidence for "));
                await Expect(page.Locator("#Answers-1-ActionRequired-error")).ToContainTextAsync($"Enter the action required for {belowItem}");
                await axe.CheckAsync(page, "error summary");

                var action = page.GetByLabel($"Action required for {belowItem}", new() { Exact = true });
                if (javaScript)
                {
                    // The summary's link takes the person to the field.
                    await summary.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Enter the action required") }).ClickAsync();
                    await Expect(action).ToBeFocusedAsync();
                }

                await action.FillAsync("Name a deputy safeguarding lead and add them to the policy.");
                var date = Group(page, $"Timescale for {belowItem}");
                await date.GetByLabel("Day", new() { Exact = true }).FillAsync(timescale.Day.ToString(CultureInfo.InvariantCulture));
                await date.GetByLabel("Month", new() { Exact = true }).FillAsync(timescale.Month.ToString(CultureInfo.InvariantCulture));
                await date.GetByLabel("Year", new() { Exact = true }).FillAsync(timescale.Year.ToString(CultureInfo.InvariantCulture));
            }

            await SaveAndContinueAsync(page);
        }

        // Check answers: every standard, with what was entered.
        await Expect(page).ToHaveURLAsync(Url($"{returnPath}/check-answers"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your answers before sign-off");
        await Expect(page.Locator("#problems")).ToHaveCountAsync(0);
        await Expect(page.Locator(".app-standard")).ToHaveCountAsync(journey.Standards);
        var first = page.Locator("#standard-1");
        await Expect(first).ToContainTextAsync(journey.Below);
        await Expect(first).ToContainTextAsync("Name a deputy safeguarding lead and add them to the policy.");
        await Expect(first).ToContainTextAsync(timescale.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        await Expect(first).ToContainTextAsync($"Evidence for {belowItem}: safeguarding policy, reviewed March 2026.");
        await Expect(page.Locator($"#standard-{journey.Standards}")).ToContainTextAsync($"Standard {journey.Standards} is met: policies are in place");
        await axe.CheckAsync(page);

        // Sign-off: by the lead, or by the senior signatory the lead sends it to, in their own browser.
        await using var signatoryContext = await browser.NewContextAsync(server.ServerAddress, javaScript);
        var signer = page;
        var continueToSignOff = page.GetByRole(AriaRole.Link, new() { Name = "Continue to sign-off", Exact = true });
        if (!journey.SeparateSignatory)
        {
            await continueToSignOff.ClickAsync();
        }
        else
        {
            await Expect(continueToSignOff).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send for sign-off", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(Url($"{returnPath}/view"));
            await Expect(page.Locator("#awaiting-sign-off")).ToContainTextAsync("waiting for a senior signatory");
            await axe.CheckAsync(page, "awaiting sign-off, as the lead");

            var signatory = await server.CreateUserAsync(lead.AgencyId, Role.SeniorSignatory, "Alex Director");
            string signatoryEmail;
            await using (var db = server.Database.CreateContext())
            {
                signatoryEmail = (await db.Users.FindAsync(signatory))!.Email!;
            }

            signer = await signatoryContext.NewPageAsync();
            await BrowserSteps.SignInAsync(signer, server, signatoryEmail);
            await axe.CheckAsync(signer, "as the signatory");
            await signer.Locator("table").GetByRole(AriaRole.Link, new() { Name = agencyName }).ClickAsync();
            await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/view"));
            await axe.CheckAsync(signer, "awaiting sign-off, as the signatory");
            await signer.Locator("#awaiting-sign-off").GetByText("Sign off and submit", new() { Exact = true }).ClickAsync();
        }

        // Sign off and submit.
        await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/sign-off"));
        await Expect(signer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign off and submit");
        await Expect(signer.GetByLabel("Organisation", new() { Exact = true })).ToHaveValueAsync(agencyName);
        await axe.CheckAsync(signer);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await signer.GetByLabel("Name of the senior manager signing off", new() { Exact = true }).FillAsync("Alex Director");
        await signer.GetByLabel("Post held", new() { Exact = true }).FillAsync("Director of Nursing");
        await signer.GetByLabel("Organisation", new() { Exact = true }).FillAsync(agencyName);
        var signedOn = Group(signer, "Date of sign-off");
        await signedOn.GetByLabel("Day", new() { Exact = true }).FillAsync(today.Day.ToString(CultureInfo.InvariantCulture));
        await signedOn.GetByLabel("Month", new() { Exact = true }).FillAsync(today.Month.ToString(CultureInfo.InvariantCulture));
        await signedOn.GetByLabel("Year", new() { Exact = true }).FillAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await signer.GetByLabel("The senior manager named above agrees with the declaration").CheckAsync();
        await signer.GetByRole(AriaRole.Button, new() { Name = "Submit return", Exact = true }).ClickAsync();

        // Confirmation.
        await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/confirmation"));
        var panel = signer.Locator(".govuk-panel--confirmation");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Return submitted");
        await Expect(panel).ToContainTextAsync("Your reference");
        await axe.CheckAsync(signer);
        await signer.GetByRole(AriaRole.Link, new() { Name = "View or print your return" }).ClickAsync();

        // The read-only view.
        await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/view"));
        await Expect(signer.Locator("#status")).ToHaveTextAsync("Submitted");
        await Expect(signer.Locator("#signed-off-by")).ToContainTextAsync($"Alex Director, Director of Nursing, {agencyName}");
        await Expect(signer.Locator(".app-standard")).ToHaveCountAsync(journey.Standards);
        await Expect(signer.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Change") })).ToHaveCountAsync(0);
        await axe.CheckAsync(signer);

        // The lead's return is closed to changes too.
        await page.GotoAsync($"{returnPath}/standards/1");
        await Expect(page).ToHaveURLAsync(Url($"{returnPath}/view"));
        await Expect(page.Locator("#status")).ToHaveTextAsync("Submitted");

        output.WriteLine($"{journey.Framework}, JavaScript {(javaScript ? "on" : "off")}: {axe.Pages.Count} pages checked with axe in {clock.Elapsed.TotalSeconds:F1}s");
        foreach (var p in axe.Pages)
        {
            output.WriteLine("  " + p);
        }
    }

    private Regex Url(string path) => new("^" + Regex.Escape(new Uri(server.ServerAddress, path).ToString()) + "(#.*)?$");

    private static ILocator Group(IPage page, string name) =>
        page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    /// <summary>Chooses a radio by its label within the question, as a person reads it.</summary>
    private static Task RadioAsync(IPage page, string question, string label) =>
        Group(page, question).GetByLabel(label, new() { Exact = true }).CheckAsync();

    private static Task SaveAndContinueAsync(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
}
