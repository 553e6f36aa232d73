using Microsoft.Playwright;
using Section11.Web.Tests.Notifications;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// A partnership administrator chases an agency from the round's tracker in a real browser: the choice (first with
/// nothing chosen, to see the error summary), the preview, the send and the banner; the lead's email arrives over
/// SMTP. axe checks every page, with JavaScript on and off.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Operations")]
[Collection(BrowserCollection.Name)]
public sealed class ChaseJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_administrator_chases_one_agency_from_the_tracker(bool javaScript)
    {
        await using var axe = new AxeLog(browser, javaScript);
        var w = await NotificationWorld.CreateAsync(server);
        await w.LaunchAsync();
        await w.DispatchAsync();
        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript, width: 1280);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, w.Admin.Email, axe);

        await page.GotoAsync(Links.Round(w.PartnershipId, w.RoundId));
        await page.GetByRole(AriaRole.Link, new() { Name = "Chase agencies that have not submitted" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Who do you want to chase?");
        await axe.CheckAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select which agencies to chase");
        await axe.CheckAsync(page, "nothing chosen");

        await page.GetByLabel(w.BetaName, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check the chase email");
        await Expect(page.Locator("#chase-subject")).ToContainTextAsync($"{w.BetaName}'s return is due by");
        await axe.CheckAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the email" }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync($"Chase sent to {w.BetaName}: 1 person emailed");
        await axe.CheckAsync(page, "chased");

        await w.DispatchAsync();
        var email = await server.Smtp.WaitForAsync(w.LeadB.Email, e => e.Subject.StartsWith("Reminder from", StringComparison.Ordinal));
        Assert.Contains(Links.Return(await w.ReturnOfAsync(w.Beta)), email.Body, StringComparison.Ordinal);
        output.WriteLine($"{axe.Pages.Count} pages checked with axe (JavaScript {(javaScript ? "on" : "off")})");
        axe.AssertNone();
    }
}
