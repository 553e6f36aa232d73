using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Section11.Core.Email;
using Section11.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The idle timeout without JavaScript (WCAG 2.2.1): every signed-in page says when the session will end, and a
/// standard saved after it ended is not lost: sign-in says it was kept, and after signing in the page shows what was
/// typed, to save again. The server's clock jumps over the idle minute; nothing sleeps.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Accessibility")]
[Collection(BrowserCollection.Name)]
public sealed class KeptFormTests(ShortSessionServerFactory server, BrowserFixture browser)
    : IClassFixture<ShortSessionServerFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Evidence_saved_after_the_session_ended_is_on_the_page_after_signing_in_again()
    {
        await using var axe = new AxeLog(browser, javaScript: false);
        var lead = await server.CreateLeadAsync("masa-2018");
        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript: false);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, lead.Email);

        var standard = Links.Standard(lead.ReturnId, 1);
        var before = server.Clock.Now.UtcDateTime;
        await page.GotoAsync(standard);
        var after = server.Clock.Now.UtcDateTime;
        // The page was drawn between the two readings of the clock; the time it gives is rounded down to the minute.
        var ends = new[] { before, after }
            .Select(t => t.AddMinutes(ShortSessionServerFactory.IdleMinutes))
            .Select(t => "You will be signed out if you do nothing until " + AccountEmails.UkClockTime(new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc)) + ".")
            .Distinct().Select(Regex.Escape);
        await Expect(page.Locator("#session-deadline")).ToHaveTextAsync(new Regex("(" + string.Join("|", ends) + ") If you save after that"));
        await axe.CheckAsync(page, "standard with the session's end");

        var item = (await page.Locator("section.app-item h2").First.InnerTextAsync()).Trim();
        var evidence = page.GetByLabel($"Actual evidence for {item}", new() { Exact = true });
        const string typed = "Our safeguarding policy, reviewed in March 2026 and kept on the staff intranet.";
        await evidence.FillAsync(typed);

        // The person does nothing for longer than the idle time, then saves.
        server.Clock.Advance(TimeSpan.FromMinutes(ShortSessionServerFactory.IdleMinutes) + TimeSpan.FromSeconds(5));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and come back later", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sign-in\?ReturnUrl="));
        await Expect(page.Locator("#kept-form")).ToContainTextAsync(
            "Your session ended because you did nothing for 1 minute. Sign in again: what you typed has been kept.");
        await axe.CheckAsync(page, "sign-in with a kept form");
        Assert.Equal(0, await SavedAsync(lead.ReturnId, typed));

        // Signing in again as the same person, from the page the service sent them to.
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(lead.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Section11Factory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("Enter the code from your authenticator app", new() { Exact = true }).FillAsync(await server.NextCodeAsync(lead.Email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(standard) + @"\?kept=[0-9a-f]{32}$"));
        await Expect(evidence).ToHaveValueAsync(typed);
        await Expect(page.Locator("#kept-form")).ToContainTextAsync("Your session ended because you did nothing for 1 minute, so what you sent was not saved.");
        await Expect(page.Locator("#kept-form")).ToContainTextAsync("What you typed is back in the form below. Check it, then save it again.");
        await Expect(page.Locator(".govuk-error-summary")).ToHaveCountAsync(0);
        await axe.CheckAsync(page, "standard with the kept form put back");

        // Saved this time, and the page is the standard as stored from then on.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and come back later", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(Links.Return(lead.ReturnId)) + "$"));
        Assert.Equal(1, await SavedAsync(lead.ReturnId, typed));
        await page.GotoAsync(standard);
        await Expect(evidence).ToHaveValueAsync(typed);
        await Expect(page.Locator("#kept-form")).ToHaveCountAsync(0);

        axe.AssertNone();
    }

    private async Task<int> SavedAsync(int returnId, string evidence)
    {
        await using var db = server.Database.CreateContext();
        return await db.Answers.CountAsync(a => a.ReturnId == returnId && a.ActualEvidence == evidence);
    }
}
