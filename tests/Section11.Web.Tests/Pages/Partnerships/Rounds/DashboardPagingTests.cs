using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Organisations;
using Section11.Web.Tests.Performance;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>
/// The dashboard's heatmap, 50 agencies a page (issue 22: a 535-agency round was 3.2 MB of HTML on one page), with
/// every figure still counting all the agencies: a round of 56 agencies, 3 of them police, the rest health.
/// </summary>
[Trait("Category", "Performance")]
public sealed class DashboardPagingTests(DashboardPagingTests.Server factory) : IClassFixture<DashboardPagingTests.Server>
{
    /// <summary>The server, with the round made once for all the tests here (they only read it).</summary>
    public sealed class Server : QueryCountTests.CountingFactory
    {
        private Task<(HtmlClient Client, string Url)>? _round;

        public Task<(HtmlClient Client, string Url)> RoundAsync() => _round ??= MakeAsync();

        private async Task<(HtmlClient Client, string Url)> MakeAsync()
        {
            var scenario = await QueryCountTests.Scenario.CreateAsync(this, agencies: 56, rounds: 3, areas: 1);
            await using var db = Database.CreateContext();
            var police = await db.Receipts.Where(x => x.RoundId == scenario.PreviousRoundId).OrderBy(x => x.Agency.Name).Select(x => x.AgencyId).Take(3).ToListAsync();
            await db.Agencies.Where(a => police.Contains(a.Id)).ExecuteUpdateAsync(a => a.SetProperty(x => x.Sector, Sector.Police));
            return (scenario.Administrator, $"/partnerships/{scenario.PartnershipId}/rounds/{scenario.PreviousRoundId}/dashboard");
        }
    }

    private Task<(HtmlClient Client, string Url)> RoundAsync() => factory.RoundAsync();

    private static IReadOnlyList<string> Agencies(HtmlClient.Page page) =>
        [.. page.Document.QuerySelectorAll("#heatmap tbody tr th").Select(th => th.ChildNodes[0].TextContent.Trim().Split(' ')[1])];

    private static string Totals(HtmlClient.Page page) => string.Join(" | ",
        page.Text("#submitted-count"), page.Text("#status-table tbody"), page.Text("#change-totals"), page.Text("#items-table-1 tbody"));

    [Fact]
    public async Task The_heatmap_shows_50_agencies_a_page_with_links_to_the_others_and_the_totals_of_all()
    {
        var (admin, url) = await RoundAsync();

        var first = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal([.. Enumerable.Range(1, 50).Select(n => $"{n:00}")], Agencies(first));
        Assert.EndsWith("all sectors: agencies 1 to 50 of 56 (page 1 of 2)", first.Text("#heatmap-caption"), StringComparison.Ordinal);
        var pages = first.Document.QuerySelector("nav#heatmap-pagination")!;
        Assert.Equal("Pages of the standards by agency", pages.GetAttribute("aria-label"));
        Assert.Null(pages.QuerySelector("[rel=prev]"));
        Assert.Equal($"{url}?page=2#standards", pages.QuerySelector("[rel=next]")!.GetAttribute("href"));
        Assert.Equal([("1", $"{url}#standards", "page"), ("2", $"{url}?page=2#standards", null)],
            pages.QuerySelectorAll(".govuk-pagination__item a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"), a.GetAttribute("aria-current"))));
        Assert.Equal("56 of 56", first.Text("#submitted-count"));

        var second = await admin.GetAsync($"{url}?page=2");
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(["51", "52", "53", "54", "55", "56"], Agencies(second));
        Assert.Equal($"{url}#standards", second.Document.QuerySelector("#heatmap-pagination [rel=prev]")!.GetAttribute("href"));
        Assert.Null(second.Document.QuerySelector("#heatmap-pagination [rel=next]"));
        Assert.Equal("2", second.Text("#heatmap-pagination [aria-current=page]"));
        Assert.Equal(Totals(first), Totals(second));
    }

    [Fact]
    public async Task A_sectors_pages_keep_the_sector_and_a_sector_that_fits_on_one_page_has_no_pagination()
    {
        var (admin, url) = await RoundAsync();

        var health = await admin.GetAsync($"{url}?sector=Health");
        Assert.Equal(50, Agencies(health).Count);
        Assert.Equal($"{url}?sector=Health&page=2#standards", health.Document.QuerySelector("#heatmap-pagination [rel=next]")!.GetAttribute("href"));
        var second = await admin.GetAsync($"{url}?sector=Health&page=2");
        Assert.Equal(["54", "55", "56"], Agencies(second));
        Assert.Equal("53 of 53", second.Text("#submitted-count"));

        var police = await admin.GetAsync($"{url}?sector=Police");
        Assert.Equal(["01", "02", "03"], Agencies(police));
        Assert.Null(police.Document.QuerySelector("#heatmap-pagination"));
    }

    [Fact]
    public async Task A_page_that_does_not_exist_is_not_found()
    {
        var (admin, url) = await RoundAsync();

        // Past the last page, before the first, not a number, past a sector's last page: GOV.UK's page not found, as
        // for any other address that does not exist, rather than an empty table that looks like a round with no agency.
        foreach (var query in (string[])["?page=3", "?page=0", "?page=-1", "?page=two", "?sector=Police&page=2"])
        {
            var page = await admin.GetAsync(url + query);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{query}: {page.Status}");
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{url}?page=1")).Status);
    }
}
