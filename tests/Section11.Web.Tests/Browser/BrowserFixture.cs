using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The browser tests share one collection that runs on its own, after the other tests: each class still gets
/// its own server and its own Chromium, but two Chromiums never compete for a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}

/// <summary>
/// One headless Chromium per test class (the distribution's /usr/bin/chromium; Playwright's own browsers are
/// never downloaded). Each test makes its own context, so cookies never leak from one test to the next.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser profile pointed at the server, with or without JavaScript.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, bool javaScript = true, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            // The test server's certificate is self-signed (see HttpsServerFactory).
            IgnoreHTTPSErrors = true,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>
/// Runs axe (WCAG 2.0, 2.1 and 2.2, levels A and AA) on each page a test visits and keeps every violation,
/// so a test can walk a whole journey and then fail once, listing them all.
/// </summary>
/// <remarks>
/// axe runs as script in the page, and a context with JavaScript disabled runs no page script at all (Playwright's
/// evaluate never returns). For such a page the log copies the HTML the browser is showing into a page of its own
/// scripting-enabled context, at the same address, with the page's own scripts blocked so the DOM stays the one a
/// person without JavaScript sees, and checks that copy; styles still load from the server, so contrast is judged.
/// </remarks>
public sealed class AxeLog(BrowserFixture browser, bool javaScript) : IAsyncDisposable
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
        },
        // Only violations are read: axe then returns one node per passing rule, not thousands, which is faster.
        ResultTypes = [ResultType.Violations],
    };

    private static readonly TimeSpan AxeTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> _violations = [];
    private readonly List<string> _pages = [];
    private IBrowserContext? _copies;
    private IPage? _copy;
    private string _html = "";

    /// <summary>The pages checked so far, as "address (state)".</summary>
    public IReadOnlyList<string> Pages => _pages;

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>
    /// Checks the page as it is now, once it has loaded (and, with JavaScript, GOV.UK Frontend has started).
    /// Name the state when one address shows more than one, such as an error state. Only a page that is not the
    /// service's (<paramref name="waitForFrontend"/> false) is checked without waiting for GOV.UK Frontend.
    /// </summary>
    public async Task CheckAsync(IPage page, string? state = null, bool waitForFrontend = true)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var where = state is null ? page.Url : $"{page.Url} ({state})";
        _pages.Add(where);

        AxeResult result;
        if (javaScript)
        {
            if (waitForFrontend)
            {
                await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new Regex(@"\bgovuk-frontend-supported\b"));
            }

            result = await page.RunAxe(Options).WaitAsync(AxeTimeout);
        }
        else
        {
            result = await CheckCopyAsync(page.Url, await page.ContentAsync());
        }

        foreach (var violation in result.Violations)
        {
            foreach (var node in violation.Nodes)
            {
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m));
                _violations.Add($"{where}: {violation.Id} [{violation.Impact}] {violation.Help} at {node.Target}\n      {node.Html}\n      {string.Join("; ", checks)}");
            }
        }
    }

    private async Task<AxeResult> CheckCopyAsync(string url, string html)
    {
        if (_copy is null)
        {
            _copies = await browser.NewContextAsync(new Uri(url), javaScript: true);
            _copy = await _copies.NewPageAsync();
            await _copy.RouteAsync("**/*", route => route.Request switch
            {
                { IsNavigationRequest: true } => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = _html }),
                { ResourceType: "script" } => route.AbortAsync(),
                _ => route.ContinueAsync(),
            });
        }

        _html = html;
        await _copy.GotoAsync(url);
        await Assertions.Expect(_copy.Locator("body")).Not.ToHaveClassAsync(new Regex(@"\bjs-enabled\b"));
        return await _copy.RunAxe(Options).WaitAsync(AxeTimeout);
    }

    public void AssertNone()
    {
        if (_violations.Count == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(_violations.Count).Append(" accessibility violation(s) on ").Append(_pages.Count).AppendLine(" page(s) checked:");
        foreach (var v in _violations)
        {
            message.Append("  - ").AppendLine(v);
        }

        Assert.Fail(message.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_copies is not null)
        {
            await _copies.DisposeAsync();
        }
    }
}

/// <summary>What a person does in the browser before the part a test is about.</summary>
public static class BrowserSteps
{
    /// <summary>
    /// Signs in with the form: email and password, then (when the service asks) the code the person's
    /// authenticator app shows, worked out from their key as the app would. Checks each page with axe when given a log.
    /// </summary>
    public static async Task SignInAsync(IPage page, Section11Factory server, string email, AxeLog? axe = null, string password = Section11Factory.Password)
    {
        await page.GotoAsync("/sign-in");
        if (axe is not null)
        {
            await axe.CheckAsync(page);
        }

        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        if (new Uri(page.Url).AbsolutePath == "/sign-in/code")
        {
            if (axe is not null)
            {
                await axe.CheckAsync(page);
            }

            await page.GetByLabel("Enter the code from your authenticator app", new() { Exact = true }).FillAsync(await server.NextCodeAsync(email));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your returns", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
