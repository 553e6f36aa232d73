using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The application over HTTPS, as <see cref="HttpsServerFactory"/> serves it, with a one-minute idle session whose
/// warning opens 35 seconds before the end (25 seconds after the last page load), so the idle-session warning can
/// be seen in a test that runs for about a minute.
/// </summary>
public sealed class ShortSessionServerFactory : Section11Factory
{
    public const int IdleMinutes = 1;
    public const int WarningSeconds = 35;

    public override async Task InitializeAsync()
    {
        var certificate = CreateCertificate();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        await base.InitializeAsync();
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:SessionIdleMinutes", IdleMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Accounts:SessionWarningSeconds", WarningSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A throwaway self-signed certificate for localhost, as HttpsServerFactory makes.</summary>
    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}

/// <summary>
/// The idle-session warning (WCAG 2.2.1 Timing Adjustable): before an idle session ends, a modal dialog says so and
/// offers one action to carry on; left alone, the browser goes to the sign-in page when the session ends.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class SessionTimeoutTests(ShortSessionServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<ShortSessionServerFactory>, IClassFixture<BrowserFixture>
{
    private const int IdleSeconds = ShortSessionServerFactory.IdleMinutes * 60;
    private const int WarnAfterSeconds = IdleSeconds - ShortSessionServerFactory.WarningSeconds;

    [Fact]
    public async Task The_warning_opens_before_an_idle_session_ends_and_stay_signed_in_keeps_the_session()
    {
        await using var axe = new AxeLog(browser, javaScript: true);
        var (context, page, signedIn) = await SignInAsync();
        await using var _ = context;

        // Sitting on a page: at first no warning; then, 25 seconds after the page loaded, the dialog.
        await page.GotoAsync("/account");
        var loaded = Stopwatch.StartNew();
        var dialog = page.Locator("#session-timeout");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(dialog).ToHaveAttributeAsync("data-idle-seconds", IdleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await axe.CheckAsync(page, "before the warning");

        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = (WarnAfterSeconds + 5) * 1000 });
        var openedAfter = loaded.Elapsed;
        Assert.True(openedAfter >= TimeSpan.FromSeconds(WarnAfterSeconds - 1), $"The warning opened after only {openedAfter.TotalSeconds:F1}s");

        // A modal dialog, named by its heading, with focus on its one action.
        var named = page.GetByRole(AriaRole.Dialog, new() { Name = "You will be signed out soon", Exact = true });
        await Expect(named).ToBeVisibleAsync();
        Assert.True(await dialog.EvaluateAsync<bool>("d => d.open && d.matches(':modal')"), "The warning is not a modal dialog");
        var stay = dialog.GetByRole(AriaRole.Button, new() { Name = "Stay signed in", Exact = true });
        await Expect(stay).ToBeFocusedAsync();
        await Expect(dialog.Locator("#session-timeout-text")).ToContainTextAsync("you will be signed out in");
        await Expect(dialog.Locator("#session-timeout-text")).ToContainTextAsync("Anything you have not saved will be lost.");
        await Expect(dialog.Locator("#session-timeout-countdown")).ToHaveTextAsync(new Regex(@"^(30|40) seconds$"));
        // The page behind is inert: even the sign-out button cannot take focus while the warning is open.
        Assert.True(await page.EvaluateAsync<bool>("""
            () => {
              const signOut = document.querySelector('.app-service-navigation__sign-out button')
              signOut.focus()
              return document.activeElement !== signOut
            }
            """), "The page behind the warning can still take focus");
        await Expect(stay).ToBeFocusedAsync();
        await axe.CheckAsync(page, "warning open");

        var keepAlive = await page.RunAndWaitForResponseAsync(
            () => stay.ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/session/keep-alive");
        output.WriteLine($"Warning opened {openedAfter.TotalSeconds:F1}s after the page loaded; keep-alive answered {keepAlive.Status}");
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
        output.WriteLine($"Still signed in {signedIn.Elapsed.TotalSeconds:F1}s after signing in");

        axe.AssertNone();
    }

    [Fact]
    public async Task Left_alone_the_browser_goes_to_sign_in_when_the_session_ends()
    {
        await using var axe = new AxeLog(browser, javaScript: true);
        var (context, page, signedIn) = await SignInAsync();
        await using var _ = context;

        await page.GotoAsync("/account");
        var loaded = Stopwatch.StartNew();
        var dialog = page.Locator("#session-timeout");
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = (WarnAfterSeconds + 5) * 1000 });

        // Nothing is pressed: at the end of the idle time the page goes to sign-in, to come back to where it was.
        await Expect(page).ToHaveURLAsync(Url("/sign-in?ReturnUrl=%2Faccount"), new() { Timeout = (IdleSeconds - WarnAfterSeconds + 10) * 1000 });
        var leftAfter = loaded.Elapsed;
        output.WriteLine($"Went to sign-in {leftAfter.TotalSeconds:F1}s after the page loaded, {signedIn.Elapsed.TotalSeconds:F1}s after signing in");
        Assert.True(leftAfter >= TimeSpan.FromSeconds(IdleSeconds - 1), $"The page went to sign-in after only {leftAfter.TotalSeconds:F1}s");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToHaveCountAsync(0);
        await axe.CheckAsync(page, "after the idle session ended");

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
        var (context, page, signedIn) = await SignInAsync();
        await using var _ = context;
        await page.GotoAsync("/account");
        var dialog = page.Locator("#session-timeout");
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = (WarnAfterSeconds + 5) * 1000 });
        await page.RunAndWaitForResponseAsync(
            () => dialog.GetByRole(AriaRole.Button, new() { Name = "Stay signed in", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/session/keep-alive");
        await Expect(dialog).ToBeHiddenAsync();
        var stayedAt = signedIn.Elapsed;

        // Past the end the session had before "Stay signed in", and well within the idle time since.
        await DelayUntilAsync(signedIn, TimeSpan.FromSeconds(IdleSeconds + 2));
        output.WriteLine($"Pressed Stay signed in {stayedAt.TotalSeconds:F1}s after signing in; checking the session {signedIn.Elapsed.TotalSeconds:F1}s after");
        Assert.Equal("signed in", await SessionAsync(page));
    }

    /// <summary>
    /// The page counts the idle time from its own load, so loading it must restart the session's idle time too
    /// (sliding expiration alone renews only after half the time has gone, and the session would end first).
    /// </summary>
    [Fact]
    public async Task The_session_lasts_as_long_as_the_page_says_it_will()
    {
        var (context, page, signedIn) = await SignInAsync();
        await using var _ = context;

        // A page opened a third of the idle time after signing in: the page counts the idle time from here.
        await DelayUntilAsync(signedIn, TimeSpan.FromSeconds(IdleSeconds / 3));
        await page.GotoAsync("/account");
        var loaded = Stopwatch.StartNew();
        var dialog = page.Locator("#session-timeout");
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = (WarnAfterSeconds + 5) * 1000 });

        // Just after the idle time since signing in, the warning still says there is time left, so the session must
        // still be there.
        await DelayUntilAsync(signedIn, TimeSpan.FromSeconds(IdleSeconds + 2));
        Assert.True(loaded.Elapsed < TimeSpan.FromSeconds(IdleSeconds - 5), "The test ran too slowly to tell");
        await Expect(dialog).ToBeVisibleAsync();
        output.WriteLine($"Page loaded {(signedIn.Elapsed - loaded.Elapsed).TotalSeconds:F1}s after signing in; the warning says \"{await dialog.Locator("#session-timeout-countdown").InnerTextAsync()}\" {signedIn.Elapsed.TotalSeconds:F1}s after");
        Assert.Equal("signed in", await SessionAsync(page));
    }

    /// <summary>Whether the server still has the session: asks for a page without following a redirect to sign-in.</summary>
    private static Task<string> SessionAsync(IPage page) => page.EvaluateAsync<string>("""
        async () => {
          const r = await fetch('/account', { redirect: 'manual', credentials: 'same-origin' })
          return r.type === 'opaqueredirect' ? 'sent to sign-in' : r.status === 200 ? 'signed in' : 'status ' + r.status
        }
        """);

    private static async Task DelayUntilAsync(Stopwatch since, TimeSpan at)
    {
        var wait = at - since.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private async Task<(IBrowserContext Context, IPage Page, Stopwatch SignedIn)> SignInAsync()
    {
        var lead = await server.CreateLeadAsync("masa-2018");
        var context = await browser.NewContextAsync(server.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, lead.Email);
        // The session cookie was issued before this moment, so it ends less than the idle time from now.
        return (context, page, Stopwatch.StartNew());
    }

    private Regex Url(string path) => new("^" + Regex.Escape(new Uri(server.ServerAddress, path).ToString()) + "(#.*)?$");
}
