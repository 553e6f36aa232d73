using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section11.Core.Identity;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// When the idle-session warning closes, keyboard focus goes back to where it was before the warning took it, so
/// the person carries on from the same place (WCAG 2.4.3). The page is served with a session that warns two
/// seconds after it loads (the browser rewrites the two timings in the page), so the test need not wait 28 minutes.
/// </summary>
[Trait("Category", "Accessibility")]
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class IdleWarningFocusTests(HttpsServerFactory server, BrowserFixture browser) : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("Stay signed in")]
    [InlineData("Escape")]
    public async Task Closing_the_idle_warning_puts_focus_back_where_it_was(string close)
    {
        var person = await server.CreatePersonAsync(Role.PartnershipReviewer, name: "Fran Focus");
        await using var context = await browser.NewContextAsync(server.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, person.Email);
        await page.RouteAsync("**/account", async route =>
        {
            var response = await route.FetchAsync();
            var html = await response.TextAsync();
            html = Regex.Replace(html, "data-idle-seconds=\"\\d+\"", "data-idle-seconds=\"600\"");
            html = Regex.Replace(html, "data-warning-seconds=\"\\d+\"", "data-warning-seconds=\"598\"");
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = html });
        });

        await page.GotoAsync("/account");
        var change = page.Locator("main a[href='/account/change-password']");
        await change.FocusAsync();
        var dialog = page.Locator("#session-timeout");
        var stay = dialog.GetByRole(AriaRole.Button, new() { Name = "Stay signed in", Exact = true });
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(stay).ToBeFocusedAsync();

        if (close == "Escape")
        {
            await page.Keyboard.PressAsync("Escape");
        }
        else
        {
            await stay.ClickAsync();
        }

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(change).ToBeFocusedAsync();
    }
}
