using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The browser tests share one collection that runs on its own, after the other tests: each class still gets
/// its own server, and all share one Chromium, so two Chromiums never compete for a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}

/// <summary>
/// One headless Chromium for the whole test run (the distribution's /usr/bin/chromium; Playwright's own browsers are
/// never downloaded), started by the first browser test class and shared by the rest: starting Playwright's driver
/// and a browser for each class cost seconds of CPU each. Each test makes its own context (a fresh profile), so
/// cookies never leak from one test to the next. A browser that has gone away is started again.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _shared;

    private readonly List<IBrowserContext> _contexts = [];
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (_shared is not { IsConnected: true })
            {
                if (_playwright is null)
                {
                    _playwright = await Playwright.CreateAsync();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
                }

                _shared = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    Args = ChromiumArgs,
                });
            }

            _browser = _shared;
        }
        finally
        {
            Starting.Release();
        }
    }

    private static void Stop()
    {
        try
        {
            _shared?.CloseAsync().Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Already gone.
        }

        _playwright?.Dispose();
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
        _contexts.Add(context);
        context.SetDefaultTimeout(15_000);
        // Generous: with the three test streams sharing two cores (load average up to 25) a sign-in's navigation has
        // once taken over 30 s; a page that never loads still fails, just later.
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>Closes what this class left open; the browser stays for the next class.</summary>
    public async Task DisposeAsync()
    {
        if (_browser is { IsConnected: true })
        {
            foreach (var context in _contexts.Where(c => _browser.Contexts.Contains(c)))
            {
                await context.CloseAsync();
            }
        }
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

            result = await RunAsync(page);
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
        return await RunAsync(_copy);
    }

    /// <summary>
    /// axe-core (the copy Deque.AxeCore ships) injected into the page once and run there with <see cref="Options"/>:
    /// the same engine and rules as the package's RunAxe, which instead runs each frame partially and finishes the run
    /// in a new blank page every time, a second or so a page on a busy machine. The service's pages have no frames.
    /// </summary>
    private static async Task<AxeResult> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var json = await page.EvaluateAsync<string>("async options => JSON.stringify(await window.axe.run(document, JSON.parse(options)))", OptionsJson)
            .WaitAsync(AxeTimeout);
        return new AxeResult(Newtonsoft.Json.Linq.JObject.Parse(json));
    }

    private static readonly string OptionsJson = Newtonsoft.Json.JsonConvert.SerializeObject(Options, new Newtonsoft.Json.JsonSerializerSettings
    {
        NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
    });

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("Deque.AxeCore.Commons no longer carries axe.min.js.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

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
