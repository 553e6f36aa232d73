using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// Signed out and then as each demo person, follows every same-origin link from the home page (breadth first, each
/// address once, at most <see cref="PagesPerRole"/> pages a person) and checks each page: axe (WCAG 2.2 A and AA)
/// finds nothing; the Nu HTML Checker finds no error in the HTML as served; at 320 and 640 CSS pixels wide (400% and 200% zoom) the page does not scroll sideways and nothing
/// sticks out of it; every focusable element looks different when focused; and no two addresses share a title.
/// Downloads, the API, sign-out and other POST-only actions are not followed: only links are. The demo data gains
/// an action plan first, so the action pages are reached too. A page whose markup another person has already seen
/// (the same address, the same HTML but for form tokens) is not checked again: the checks would find the same.
/// axe, by far the slowest check, runs on the first <see cref="AxePerRoute"/> pages of each route (the address with
/// its numbers taken out) unless SECTION11_CRAWL_AXE=all asks for every page; the journeys' own browser tests run
/// axe on theirs. Each different page's HTML is saved as the server sends it (fetched again with the page's cookies,
/// not page.ContentAsync(), which is the DOM after scripts have run and re-serialised: the checker is to judge the
/// markup the views write) and the Nu HTML Checker runs once over all of them at the end (see <see cref="NuHtmlChecker"/>).
/// </summary>
[Trait("Category", "Accessibility")]
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityCrawlTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    private const int PagesPerRole = 150;
    private const int AxePerRoute = 2;
    private const int DesktopWidth = 1280;
    private const int Height = 900;
    private static readonly int[] NarrowWidths = [320, 640];
    private static readonly string[] DownloadFormats = ["docx", "pdf", "xlsx", "csv", "zip", "json", "file"];
    private static readonly string[] NeverFollowed = ["/sign-out", "/session/keep-alive"];

    private sealed class Findings : IDisposable
    {
        public NuHtmlChecker Nu { get; } = new();

        public void Dispose() => Nu.Dispose();

        public List<string> Problems { get; } = [];

        /// <summary>Each title, with the addresses that carry it.</summary>
        public Dictionary<string, SortedSet<string>> Titles { get; } = [];

        public int FocusablesChecked { get; set; }

        /// <summary>The markup of each page checked, so the same page seen by another person is not checked twice.</summary>
        public HashSet<string> Seen { get; } = [];

        /// <summary>How many pages of each route axe has checked.</summary>
        public Dictionary<string, int> AxeByRoute { get; } = [];

        public bool AxeEveryPage { get; } = Environment.GetEnvironmentVariable("SECTION11_CRAWL_AXE") == "all";

        public Dictionary<string, TimeSpan> Times { get; } = [];

        public async Task<T> TimeAsync<T>(string what, Func<Task<T>> run)
        {
            var watch = Stopwatch.StartNew();
            var result = await run();
            Times[what] = Times.GetValueOrDefault(what) + watch.Elapsed;
            return result;
        }
    }

    [Fact]
    public async Task Every_page_each_demo_person_can_reach_passes_axe_and_the_Nu_HTML_checker_reflows_shows_focus_and_has_its_own_title()
    {
        var clock = Stopwatch.StartNew();
        NuHtmlChecker.Missing(); // throws now, before the crawl, when the checker is required and missing
        await SeedActionPlanAsync();
        await SeedExportsAsync();
        var surveyLinks = await SeedSurveysAsync();
        await using var axe = new AxeLog(browser, javaScript: true);
        using var findings = new Findings();
        var figures = new List<string>();
        var people = new string?[] { null }.Concat(DemoData.Users.Select(u => u.Email));
        foreach (var email in people)
        {
            var watch = Stopwatch.StartNew();
            await using var context = await browser.NewContextAsync(server.ServerAddress, width: DesktopWidth, height: Height);
            var page = await context.NewPageAsync();
            if (email is not null)
            {
                // The sign-in pages are the same for everyone: check the code page once (the crawl checks the first).
                await BrowserSteps.SignInAsync(page, server, email, figures.Count == 1 ? axe : null, DemoData.Password);
            }

            var (count, capped) = await CrawlAsync(page, axe, findings, surveyLinks.For(email));
            figures.Add($"{email ?? "signed out"}: {count} pages{(capped ? " (cap reached)" : "")} in {watch.Elapsed.TotalSeconds:F0} s");
        }

        foreach (var (title, addresses) in findings.Titles.Where(t => t.Value.Count > 1))
        {
            findings.Problems.Add($"{addresses.Count} addresses share the title \"{title}\": {string.Join(", ", addresses)}");
        }

        var (htmlErrors, leftOut) = await findings.TimeAsync("vnu", findings.Nu.CheckAsync);
        findings.Problems.AddRange(htmlErrors.Select(e => $"Nu HTML Checker: {e}"));
        figures.Add(leftOut ?? $"Nu HTML Checker: {findings.Nu.Count} pages, {htmlErrors.Count} errors");
        if (findings.Nu.Kept is { } kept)
        {
            findings.Problems.Add($"(the {htmlErrors.Count} Nu HTML Checker errors above are in the pages kept in {kept}; 0001.html is the first page seen)");
        }

        foreach (var figure in figures)
        {
            output.WriteLine(figure);
        }

        output.WriteLine(string.Join(", ", findings.Times.Select(t => $"{t.Key} {t.Value.TotalSeconds:F0} s")));
        output.WriteLine($"{findings.Titles.Sum(t => t.Value.Count)} addresses ({findings.AxeByRoute.Count} routes, {findings.Seen.Count} different pages), "
            + $"{axe.Pages.Count} axe checks, {findings.FocusablesChecked} focusable elements, {clock.Elapsed.TotalSeconds:F0} s in all");
        var report = new StringBuilder();
        foreach (var problem in findings.Problems.Concat(axe.Violations))
        {
            report.Append("  - ").AppendLine(problem);
        }

        Assert.True(report.Length == 0, $"{findings.Problems.Count + axe.Violations.Count} problem(s):\n{report}");
    }

    private async Task<(int Count, bool Capped)> CrawlAsync(IPage page, AxeLog axe, Findings findings, IReadOnlyList<string> alsoStartAt)
    {
        var queue = new Queue<(string Address, string From)>([("/", "the start"), .. alsoStartAt.Select(a => (a, "the start"))]);
        var queued = new HashSet<string>(["/", .. alsoStartAt], StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        while (queue.Count > 0 && count < PagesPerRole)
        {
            var (address, from) = queue.Dequeue();
            IResponse? response;
            try
            {
                response = await findings.TimeAsync("load", () => page.GotoAsync(address));
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
            {
                continue;
            }
            catch (TimeoutException e)
            {
                // Playwright's message does not say which page: without the address a slow page cannot be found again.
                throw new TimeoutException($"Loading {address} (linked from {from}) as this person timed out", e);
            }

            count++;
            var here = PathAndQuery(new Uri(page.Url));
            if (response is null || response.Status != 200)
            {
                findings.Problems.Add($"{address} (linked from {from}) answers {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
                continue;
            }

            if (!response.Headers.TryGetValue("content-type", out var type) || !type.StartsWith("text/html", StringComparison.Ordinal) || !done.Add(here))
            {
                continue;
            }

            await CheckAsync(page, here, axe, findings, await page.ContentAsync());
            foreach (var link in await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"))
            {
                if (Followable(new Uri(page.Url), link) is { } next && queued.Add(next))
                {
                    queue.Enqueue((next, here));
                }
            }
        }

        return (count, queue.Count > 0);
    }

    private static async Task CheckAsync(IPage page, string here, AxeLog axe, Findings findings, string html)
    {
        var title = await page.TitleAsync();
        if (!findings.Titles.TryGetValue(title, out var addresses))
        {
            findings.Titles[title] = addresses = new(StringComparer.Ordinal);
        }

        addresses.Add(here);
        var markup = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(here + "\n" + Tokens().Replace(html, ""))));
        if (!findings.Seen.Add(markup))
        {
            return;
        }

        // The HTML as the server writes it, fetched again with the page's cookies (one GET a different page, a few
        // seconds in all): page.ContentAsync() is the DOM after scripts have run, re-serialised by Chromium.
        var served = await findings.TimeAsync("fetch", () => page.Context.APIRequest.GetAsync(page.Url));
        if (served.Status != 200)
        {
            findings.Problems.Add($"{here}: fetched again for the Nu HTML Checker, answers {served.Status}");
        }
        else
        {
            findings.Nu.Save(here, await served.TextAsync());
        }

        await served.DisposeAsync();

        var route = Numbers().Replace(here, "N");
        if (findings.AxeEveryPage || findings.AxeByRoute.GetValueOrDefault(route) < AxePerRoute)
        {
            findings.AxeByRoute[route] = findings.AxeByRoute.GetValueOrDefault(route) + 1;
            await findings.TimeAsync("axe", async () => { await axe.CheckAsync(page); return 0; });
        }

        var focus = await findings.TimeAsync("focus", () => PageChecks.FocusAsync(page));
        findings.FocusablesChecked += focus.Checked;
        findings.Problems.AddRange(focus.Problems.Select(p => $"{here}: focus: {p}"));

        foreach (var width in NarrowWidths)
        {
            var reflow = await findings.TimeAsync("reflow", () => PageChecks.ReflowAsync(page, width, Height));
            if (reflow.ScrollWidth > reflow.ClientWidth || reflow.Offenders.Length > 0)
            {
                findings.Problems.Add($"{here}: at {width} px the page is {reflow.ScrollWidth} px wide; sticking out: {string.Join(", ", reflow.Offenders)}");
            }
        }

        await page.SetViewportSizeAsync(DesktopWidth, Height);
    }

    /// <summary>The link as a path and query to visit, or null when the crawl does not follow it.</summary>
    private static string? Followable(Uri current, string href)
    {
        if (!Uri.TryCreate(href, UriKind.Absolute, out var link) || link.Scheme != current.Scheme || link.Authority != current.Authority)
        {
            return null;
        }

        var path = link.AbsolutePath.TrimEnd('/');
        var last = path[(path.LastIndexOf('/') + 1)..];
        var extension = last.Contains('.', StringComparison.Ordinal) ? last[(last.LastIndexOf('.') + 1)..] : last;
        if (NeverFollowed.Contains(path, StringComparer.Ordinal) || path.StartsWith("/api/", StringComparison.Ordinal)
            || DownloadFormats.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return PathAndQuery(link);
    }

    private static string PathAndQuery(Uri address) => address.PathAndQuery;

    /// <summary>Antiforgery tokens differ on every response; nothing else on a page does between two people.</summary>
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex Tokens();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();

    /// <summary>Two of the demo partnership's full exports, one ready and one waiting, so both states of the progress page are crawled.</summary>
    private async Task SeedExportsAsync()
    {
        await using var db = server.Database.CreateContext();
        var partnership = await db.Partnerships.SingleAsync(p => p.Name == DemoData.PartnershipName);
        var admin = await db.Users.SingleAsync(u => u.Email == "admin@northshire-partnership.example");
        var ready = new Section11.Core.Reporting.Exports.ExportJob
        {
            PartnershipId = partnership.Id, RequestedById = admin.Id, Format = "zip", Status = Section11.Core.Reporting.Exports.ExportJobStatus.Ready, CreatedAt = DateTime.UtcNow.AddHours(-1),
            StartedAt = DateTime.UtcNow.AddHours(-1), FinishedAt = DateTime.UtcNow.AddHours(-1), ExpiresAt = DateTime.UtcNow.AddDays(6), TablesTotal = 13, TablesDone = 13, Rows = 1234, Length = 2, Chunks = 1,
        };
        var waiting = new Section11.Core.Reporting.Exports.ExportJob
        {
            PartnershipId = partnership.Id, RequestedById = admin.Id, Format = "json", Status = Section11.Core.Reporting.Exports.ExportJobStatus.Queued, CreatedAt = DateTime.UtcNow, TablesTotal = 13,
        };
        db.ExportJobs.AddRange(ready, waiting);
        await db.SaveChangesAsync();
        db.ExportJobChunks.Add(new Section11.Core.Reporting.Exports.ExportJobChunk { ExportJobId = ready.Id, Index = 0, Data = "PK"u8.ToArray() });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// An action plan for the demo GP practice, in the 2026 round: two improvement areas with two actions each, one
    /// overdue and rated Red, with a monitoring entry, so the action plan's pages and lists have something to show.
    /// </summary>
    private async Task SeedActionPlanAsync()
    {
        await using var db = server.Database.CreateContext();
        var agency = await db.Agencies.SingleAsync(a => a.Name == DemoData.GpPractice);
        var round = await db.Rounds.SingleAsync(r => r.Title == "Section 11 audit 2026" && r.Partnership.Name == DemoData.PartnershipName);
        var lead = await db.Users.SingleAsync(u => u.Email == DemoData.Users[0].Email);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        PlanAction Action(string what, int position, int days, Rag? rag) => new()
        {
            Position = position, SpecificAction = what, Deadline = today.AddDays(days), LeadOrganisation = agency.Name,
            AccountablePerson = "Priya Shah, practice manager", SuccessIndicators = "Audited by the practice meeting", Rag = rag,
            UpdatedAt = DateTime.UtcNow, UpdatedById = lead.Id,
        };
        db.ImprovementAreas.AddRange(
            new ImprovementArea
            {
                AgencyId = agency.Id, RoundId = round.Id, OverarchingStandard = $"Standard 1, {round.Title}", Position = 1,
                Outcome = "Every member of staff can name the safeguarding lead", CreatedAt = DateTime.UtcNow, CreatedById = lead.Id,
                Actions =
                [
                    Action("Put the lead's name on every noticeboard", 1, -10, Rag.Red),
                    Action("Add the lead's name to the staff handbook", 2, 30, Rag.Amber),
                ],
            },
            new ImprovementArea
            {
                AgencyId = agency.Id, RoundId = round.Id, OverarchingStandard = $"Standard 4, {round.Title}", Position = 2,
                Outcome = "All staff complete level 3 safeguarding training", CreatedAt = DateTime.UtcNow, CreatedById = lead.Id,
                Actions = [Action("Book the training for the nursing team", 1, 60, null), Action("Record completion in the training log", 2, 90, null)],
            });
        await db.SaveChangesAsync();
        var overdue = await db.PlanActions.SingleAsync(a => a.SpecificAction == "Put the lead's name on every noticeboard");
        db.MonitoringEntries.Add(new MonitoringEntry
        {
            PlanActionId = overdue.Id, EntryDate = today, Kind = MonitoringKind.Risk, Text = "The printer has been broken for a week.",
            RecordedAt = DateTime.UtcNow, AuthorId = lead.Id,
        });
        await db.SaveChangesAsync();
    }
}
