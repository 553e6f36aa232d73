using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The application over HTTPS, as <see cref="HttpsServerFactory"/> serves it, with a one-minute idle session whose
/// warning opens 35 seconds before the end (25 seconds after the last page load). The tests move the server's clock
/// and the browser's together, so the minute passes in an instant.
/// </summary>
public sealed class ShortSessionServerFactory : HttpsServerFactory
{
    public const int IdleMinutes = 1;
    public const int WarningSeconds = 35;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:SessionIdleMinutes", IdleMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Accounts:SessionWarningSeconds", WarningSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// The idle-session warning (WCAG 2.2.1 Timing Adjustable): before an idle session ends, a modal dialog says so and
/// offers one action to carry on; left alone, the browser goes to the sign-in page when the session ends. Idle time
/// passes on both clocks at once, the server's (<see cref="TestClock"/>) and the page's (Playwright's, paused), so
/// nothing waits and every moment is exact.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "House")]
[Collection(BrowserCollection.Name)]
public sealed class SessionTimeoutTests(ShortSessionServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<ShortSessionServerFactory>, IClassFixture<BrowserFixture>
{
    private const int IdleSeconds = ShortSessionServerFactory.IdleMinutes * 60;
    private const int WarnAfterSeconds = IdleSeconds - ShortSessionServerFactory.WarningSeconds;

    /// <summary>The page's time when the test's page loads (its clock is paused there), and the idle time since.</summary>
    private DateTime _pageLoadedAt;
    private TimeSpan _sinceLoad;

    [Fact]
    public async Task The_warning_opens_before_an_idle_session_ends_and_stay_signed_in_keeps_the_session()
    {
        await using var axe = new AxeLog(browser, javaScript: true);
        var (context, page) = await SignInAsync();
        await using var _ = context;

        // Sitting on a page: no warning until 25 seconds after the page loaded, then the dialog.
        await page.GotoAsync("/account");
        var dialog = page.Locator("#session-timeout");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(dialog).ToHaveAttributeAsync("data-idle-seconds", IdleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await CheckAsync(axe, page, "before the warning");
        await IdleAsync(page, WarnAfterSeconds - 1);
        await Expect(dialog).ToBeHiddenAsync();
        await IdleAsync(page, 2);
        await Expect(dialog).ToBeVisibleAsync();

        // A modal dialog, named by its heading, with focus on its one action.
        var named = page.GetByRole(AriaRole.Dialog, new() { Name = "You will be signed out soon", Exact = true });
        await Expect(named).ToBeVisibleAsync();
        Assert.True(await dialog.EvaluateAsync<bool>("d => d.open && d.matches(':modal')"), "The warning is not a modal dialog");
        var stay = dialog.GetByRole(AriaRole.Button, new() { Name = "Stay signed in", Exact = true });
        await Expect(stay).ToBeFocusedAsync();
        await Expect(dialog.Locator("#session-timeout-text")).ToContainTextAsync("you will be signed out in");
        await Expect(dialog.Locator("#session-timeout-text")).ToContainTextAsync("Anything you have not saved will be lost.");
        await Expect(dialog.Locator("#session-timeout-countdown")).ToHaveTextAsync("40 seconds");
        // The page behind is inert: even the sign-out button cannot take focus while the warning is open.
        Assert.True(await page.EvaluateAsync<bool>("""
            () => {
              const signOut = document.querySelector('.app-service-navigation__sign-out button')
              signOut.focus()
              return document.activeElement !== signOut
            }
            """), "The page behind the warning can still take focus");
        await Expect(stay).ToBeFocusedAsync();
        await CheckAsync(axe, page, "warning open");

        var keepAlive = await page.RunAndWaitForResponseAsync(
            () => stay.ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/session/keep-alive");
        output.WriteLine($"Keep-alive answered {keepAlive.Status}");
        Assert.True(keepAlive.Status is 204 or 302, $"Keep-alive answered {keepAlive.Status}");
        await Expect(dialog).ToBeHiddenAsync();
        Assert.False(await dialog.EvaluateAsync<bool>("d => d.open"));
        await Expect(page).ToHaveURLAsync(Url("/account"));

        // The session goes on: the next page is the person's account, not the sign-in page.
        var account = await page.GotoAsync("/account");
        Assert.Equal(200, account!.Status);
        await Expect(page).ToHaveURLAsync(Url("/account"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
        await Expect(dialog).ToBeHiddenAsync();

        axe.AssertNone();
    }

    [Fact]
    public async Task Left_alone_the_browser_goes_to_sign_in_when_the_session_ends()
    {
        await using var axe = new AxeLog(browser, javaScript: true);
        var (context, page) = await SignInAsync();
        await using var _ = context;

        await page.GotoAsync("/account");
        var dialog = page.Locator("#session-timeout");
        await IdleAsync(page, WarnAfterSeconds + 1);
        await Expect(dialog).ToBeVisibleAsync();

        // Nothing is pressed: a second before the end the page is still there; at the end it goes to sign-in, to come
        // back to where it was.
        // The sign-out timer starts a navigation at once, long before the address changes, so listen for that.
        await page.EvaluateAsync("() => { window.leaving = false; navigation.addEventListener('navigate', () => { window.leaving = true }) }");
        await IdleAsync(page, IdleSeconds - WarnAfterSeconds - 2);
        Assert.False(await page.EvaluateAsync<bool>("() => window.leaving !== false"), "The page left before the session's end");
        await Expect(page).ToHaveURLAsync(Url("/account"));
        await IdleAsync(page, 2);
        await Expect(page).ToHaveURLAsync(Url("/sign-in?ReturnUrl=%2Faccount"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToHaveCountAsync(0);
        await CheckAsync(axe, page, "after the idle session ended");

        // The session really has ended on the server too.
        await page.GotoAsync("/account");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(new Uri(server.ServerAddress, "/sign-in").ToString()) + @"\?ReturnUrl=%2Faccount$"));

        axe.AssertNone();
    }

    /// <summary>
    /// "Stay signed in" must move the session's end, not re-issue a cookie that ends when the old one did (the trap
    /// of re-signing in with the old ticket's times).
    /// </summary>
    [Fact]
    public async Task Stay_signed_in_extends_the_session_beyond_the_end_it_had()
    {
        var (context, page) = await SignInAsync();
        await using var _ = context;
        await page.GotoAsync("/account");
        var dialog = page.Locator("#session-timeout");
        await IdleAsync(page, WarnAfterSeconds + 1);
        await Expect(dialog).ToBeVisibleAsync();
        await page.RunAndWaitForResponseAsync(
            () => dialog.GetByRole(AriaRole.Button, new() { Name = "Stay signed in", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/session/keep-alive");
        await Expect(dialog).ToBeHiddenAsync();

        // Past the end the session had before "Stay signed in", and well within the idle time since.
        await IdleAsync(page, IdleSeconds - WarnAfterSeconds + 1);
        Assert.Equal("signed in", await SessionAsync(page));
    }

    /// <summary>
    /// The page counts the idle time from its own load, so loading it must restart the session's idle time too
    /// (sliding expiration alone renews only after half the time has gone, and the session would end first).
    /// </summary>
    [Fact]
    public async Task The_session_lasts_as_long_as_the_page_says_it_will()
    {
        var (context, page) = await SignInAsync();
        await using var _ = context;

        // A page opened a third of the idle time after signing in: the page counts the idle time from here.
        server.Clock.Advance(TimeSpan.FromSeconds(IdleSeconds / 3));
        await page.GotoAsync("/account");
        var dialog = page.Locator("#session-timeout");
        await IdleAsync(page, WarnAfterSeconds + 1);
        await Expect(dialog).ToBeVisibleAsync();

        // Just after the idle time since signing in, the warning still says there is time left, so the session must
        // still be there.
        await IdleAsync(page, IdleSeconds - IdleSeconds / 3 - WarnAfterSeconds + 1);
        await Expect(dialog).ToBeVisibleAsync();
        output.WriteLine($"The warning says \"{await dialog.Locator("#session-timeout-countdown").InnerTextAsync()}\" just after the idle time since signing in");
        Assert.Equal("signed in", await SessionAsync(page));
    }

    /// <summary>Whether the server still has the session: asks for a page without following a redirect to sign-in.</summary>
    private static Task<string> SessionAsync(IPage page) => page.EvaluateAsync<string>("""
        async () => {
          const r = await fetch('/account', { redirect: 'manual', credentials: 'same-origin' })
          return r.type === 'opaqueredirect' ? 'sent to sign-in' : r.status === 200 ? 'signed in' : 'status ' + r.status
        }
        """);

    /// <summary>
    /// The person does nothing for a while: the server's clock moves on, and the page's jumps to as long after its load,
    /// firing the timers due on the way.
    /// </summary>
    private async Task IdleAsync(IPage page, int seconds)
    {
        _sinceLoad += TimeSpan.FromSeconds(seconds);
        server.Clock.Advance(TimeSpan.FromSeconds(seconds));
        await page.Clock.PauseAtAsync(_pageLoadedAt + _sinceLoad);
    }

    /// <summary>axe waits on the page's timers, so the page's clock runs while it checks; the next IdleAsync stops it again.</summary>
    private static async Task CheckAsync(AxeLog axe, IPage page, string state)
    {
        await page.Clock.ResumeAsync();
        await axe.CheckAsync(page, state);
    }

    /// <summary>
    /// Signs a new person in, then stops the page's clock: the next page loads at that moment, and its timers fire
    /// only when the test moves the clock (<see cref="IdleAsync"/>).
    /// </summary>
    private async Task<(IBrowserContext Context, IPage Page)> SignInAsync()
    {
        var lead = await server.CreateLeadAsync("masa-2018");
        var context = await browser.NewContextAsync(server.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, lead.Email);
        var now = server.Clock.Now.UtcDateTime;
        _pageLoadedAt = now.AddMinutes(1);
        await page.Clock.InstallAsync(new() { TimeDate = now });
        await page.Clock.PauseAtAsync(_pageLoadedAt);
        return (context, page);
    }

    private Regex Url(string path) => new("^" + Regex.Escape(new Uri(server.ServerAddress, path).ToString()) + "(#.*)?$");
}
