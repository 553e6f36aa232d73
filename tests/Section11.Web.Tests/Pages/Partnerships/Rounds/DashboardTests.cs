using System.Net;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>
/// The round dashboard on the fixed data set (<see cref="ReportingTestData"/>), on a fixed day.
/// </summary>
public sealed class DashboardTests(DashboardTests.Server factory) : IClassFixture<DashboardTests.Server>
{
    /// <summary>
    /// The server on a fixed day after 30 September 2026, when every action of the data set is past its deadline and
    /// the overdue figures are those below, whatever day the test runs.
    /// </summary>
    public sealed class Server : Section11Factory
    {
        public Server() => Clock.Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    }

    private async Task<(HtmlClient Client, ReportingTestData.Created Data)> SignedInAsync(Role role)
    {
        await using var db = factory.Database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var person = await factory.CreatePersonAsync(role, partnershipId: data.PartnershipId, name: "Robin Reviewer");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return (client, data);
    }

    private static string Cells(AngleSharp.Dom.IElement row) => string.Join(" ", row.Children.Select(c => Squash(c.TextContent)));

    private static string Squash(string text) => string.Join(" ", text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    [Trait("Category", "Operations")]
    public async Task The_good_practice_and_concerns_counts_say_1_item_not_1_items()
    {
        var (reviewer, data) = await SignedInAsync(Role.PartnershipReviewer);
        var page = await reviewer.GetAsync($"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}/dashboard");

        var headings = page.Document.QuerySelectorAll("#good-practice ~ h3").Select(h => h.TextContent.Trim())
            .Where(t => t.StartsWith("Good practice (", StringComparison.Ordinal) || t.StartsWith("Concerns (", StringComparison.Ordinal));
        Assert.Equal(["Good practice (21 items)", "Concerns (1 item)"], headings);
    }

    [Fact]
    public async Task A_reviewer_sees_where_every_agency_stands()
    {
        var (reviewer, data) = await SignedInAsync(Role.PartnershipReviewer);
        var url = $"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}/dashboard";
        var page = await reviewer.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Dashboard: Section 11 audit 2026", page.H1);
        Assert.Equal("4 of 5", page.Text("#submitted-count"));

        // Returns by status: the chart's title says it in words, and its table gives the numbers.
        Assert.Equal("img", page.Document.QuerySelector("svg#status-chart")!.GetAttribute("role"));
        Assert.Equal("Bar chart of returns by status, all sectors: Submitted 4, Overdue 1", page.Text("#status-chart-title"));
        Assert.Equal(["Submitted 4", "Overdue 1"], page.Document.QuerySelectorAll("#status-table tbody tr").Select(Cells));

        // The heatmap: a rating's words in every cell (never colour alone) and a link to that standard of the return.
        var birch = page.Document.QuerySelector($"#heatmap-{data.ReturnIds["Birch Police"]}")!;
        var birch4 = birch.QuerySelectorAll("td")[3];
        Assert.Equal($"/returns/{data.ReturnIds["Birch Police"]}/view#standard-4", birch4.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"Birch Police {data.Suffix}, standard 4: Requires improvement ▼declined from Good", Squash(birch4.TextContent));
        Assert.Equal(["Not submitted"], page.Document.QuerySelector($"#heatmap-{data.ReturnIds["Elm Surgery"]}")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).Distinct());

        // Good practice and concerns, with the thresholds shown.
        Assert.Contains("at least 90% of the submitted returns", page.Text("#good-practice + p"), StringComparison.Ordinal);
        Assert.Equal(21, page.Document.QuerySelectorAll("#good-practice-list li").Length);
        var concern = Assert.Single(page.Document.QuerySelectorAll("#concerns-list li"));
        // Counted in words that agree with the number: "1 item", never "1 items".
        Assert.Equal(["Good practice (21 items)", "Concerns (1 item)"],
            page.Document.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).Where(t => t.StartsWith("Good practice (", StringComparison.Ordinal) || t.StartsWith("Concerns (", StringComparison.Ordinal)));
        Assert.StartsWith("4.2", concern.TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("(3 of 4 do not meet, 75%)", Squash(concern.TextContent), StringComparison.Ordinal);

        // Ratings by item: Inadequate, Requires improvement, Good, Outstanding, then meeting.
        var item42 = page.Document.QuerySelectorAll("#items-table-4 tbody tr")[1];
        Assert.Equal(["1", "2", "1", "0", "25%"], item42.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.NotNull(page.Document.QuerySelector("svg#items-chart-4[role=img] title"));

        // Change since 2024, and overdue.
        Assert.Equal("Improved: 2 Same: 18 Declined: 1", Squash(page.Text("#change-totals")));
        Assert.Contains("Standard 3 improved: Requires improvement to Good", page.Text($"#change-{data.ReturnIds["Alder Hospital Trust"]}"), StringComparison.Ordinal);
        Assert.Single(page.Document.QuerySelectorAll("#overdue-returns li"));
        Assert.Equal(3, page.Document.QuerySelectorAll("#overdue-actions tbody tr").Length);
    }

    [Fact]
    public async Task The_sector_filter_narrows_the_dashboard_and_an_unknown_sector_shows_all()
    {
        var (admin, data) = await SignedInAsync(Role.PartnershipAdministrator);
        var url = $"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}/dashboard";

        var police = await admin.GetAsync(url + "?sector=Police");
        Assert.Equal("1 of 1", police.Text("#submitted-count"));
        Assert.Equal("Police", police.Text("#sector option[selected]"));
        Assert.Equal(["Submitted 1"], police.Document.QuerySelectorAll("#status-table tbody tr").Select(Cells));
        Assert.Equal("Improved: 0 Same: 6 Declined: 1", Squash(police.Text("#change-totals")));
        Assert.Equal("No action is overdue.", police.Text("#no-overdue-actions"));

        var unknown = await admin.GetAsync(url + "?sector=Nonsense");
        Assert.Equal("4 of 5", unknown.Text("#submitted-count"));
    }

    [Fact]
    public async Task The_demo_partnerships_dashboard_has_figures_to_show()
    {
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync("admin@northshire-partnership.example", Section11.Core.Data.DemoData.Password);
        await using var db = factory.Database.CreateContext();
        var round = db.Rounds.Single(r => r.Title == "Section 11 audit 2026" && r.Partnership.Name == Section11.Core.Data.DemoData.PartnershipName);

        var page = await admin.GetAsync($"/partnerships/{round.PartnershipId}/rounds/{round.Id}/dashboard");

        Assert.Equal("2 of 4", page.Text("#submitted-count"));
        Assert.Equal(["Not started 2", "Submitted 2"], page.Document.QuerySelectorAll("#status-table tbody tr").Select(Cells));
        // Police 3222333 → 3322333 and the council 3332333 → 3323333 since 2024.
        Assert.Equal("Improved: 2 Same: 11 Declined: 1", Squash(page.Text("#change-totals")));
    }

    [Fact]
    [Trait("Category", "Accessibility")]
    public async Task Ratings_by_item_give_each_items_full_text_and_the_heatmap_names_its_standards_in_words()
    {
        var (reviewer, data) = await SignedInAsync(Role.PartnershipReviewer);
        await using var db = factory.Database.CreateContext();
        var frameworkId = db.Rounds.Where(r => r.Id == data.RoundId).Select(r => r.FrameworkVersionId).Single();
        var longest = db.Items.Where(i => i.Standard.FrameworkVersionId == frameworkId && i.RoundId == null).AsEnumerable().MaxBy(i => i.Text.Length)!;
        Assert.True(longest.Text.Length > 120, "The framework has no item long enough to have been cut");

        var page = await reviewer.GetAsync($"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}/dashboard");

        Assert.Equal($"{longest.Number} {Squash(longest.Text)}", Squash(page.Text($"#item-{longest.Id} th")));
        Assert.DoesNotContain("…", page.Text("#items ~ div.app-table-scroll"), StringComparison.Ordinal);
        // The standards' titles are on the page in words, not only in a tooltip on the column headers.
        var standards = db.Standards.Where(s => s.FrameworkVersionId == frameworkId && s.RoundId == null).OrderBy(s => s.Number).Select(s => $"Standard {s.Number}: {s.Title}").ToList();
        Assert.Equal(standards, page.Document.QuerySelectorAll("#standard-key li").Select(li => Squash(li.TextContent)));
        Assert.Empty(page.Document.QuerySelectorAll("#heatmap [title]"));
    }

    [Fact]
    public async Task The_tracker_links_to_the_dashboard()
    {
        var (admin, data) = await SignedInAsync(Role.PartnershipAdministrator);
        var tracker = await admin.GetAsync($"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}");
        Assert.NotNull(tracker.Document.QuerySelector($"a[href='/partnerships/{data.PartnershipId}/rounds/{data.RoundId}/dashboard']"));
    }
}
