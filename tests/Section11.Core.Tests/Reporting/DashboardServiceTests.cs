using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Reporting;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Reporting;

/// <summary>The dashboard's exact numbers on the fixed data set (see <see cref="ReportingTestData"/> for the digits).</summary>
public sealed class DashboardServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();

    private async Task<(RoundDashboard Dashboard, ReportingTestData.Created Data)> DashboardAsync(Sector? sector = null)
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var time = new FixedTime(ReportingTestData.Now);
        var service = new DashboardService(db, new RoundDataService(db, _catalog, time), new ActionPlanService(db, _catalog, time));
        return ((await service.GetAsync(data.RoundId, sector))!, data);
    }

    private static string Name(string agencyName, ReportingTestData.Created data) => agencyName.Replace($" {data.Suffix}", "", StringComparison.Ordinal);

    private static string Counts(ItemDistribution item) => string.Join(",", item.Counts.Select(c => c.Count));

    [Fact]
    public async Task Counts_returns_by_status()
    {
        var (dashboard, data) = await DashboardAsync();

        Assert.Equal([new StatusCount(TrackerStatus.Submitted, 4), new StatusCount(TrackerStatus.Overdue, 1)], dashboard.Statuses);
        Assert.Equal(4, dashboard.Submitted);
        Assert.Equal("Elm Surgery", Name(Assert.Single(dashboard.OverdueReturns).AgencyName, data));
    }

    [Fact]
    public async Task The_heatmap_shows_each_submitted_agencys_evaluation_of_each_standard()
    {
        var (dashboard, data) = await DashboardAsync();

        // Evaluations: Alder and Birch 3332333, Cedar 3323333, Damson 3333233 (2 = Requires improvement, 3 = Good); Elm is a draft.
        string Row(int i) => string.Join(" ", dashboard.Heatmap[i].Cells.Select(c => c.Level?.Value?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
        Assert.Equal(["Alder Hospital Trust", "Birch Police", "Cedar Council", "Damson Young Carers", "Elm Surgery"],
            dashboard.Heatmap.Select(r => Name(r.Return.AgencyName, data)));
        Assert.Equal("3 3 3 2 3 3 3", Row(0));
        Assert.Equal("3 3 3 2 3 3 3", Row(1));
        Assert.Equal("3 3 2 3 3 3 3", Row(2));
        Assert.Equal("3 3 3 3 2 3 3", Row(3));
        Assert.Equal("- - - - - - -", Row(4));
        Assert.Equal("Requires improvement", dashboard.Heatmap[0].Cells[3].Level!.Label);
    }

    [Fact]
    public async Task Item_distributions_count_submitted_returns_only()
    {
        var (dashboard, _) = await DashboardAsync();
        var byNumber = dashboard.Items.ToDictionary(i => i.Item.Number);

        // Counts are Inadequate, Requires improvement, Good, Outstanding.
        Assert.Equal(27, dashboard.Items.Count);
        Assert.Equal("0,0,2,2", Counts(byNumber["1.1"])); // 4 3 4 3 (Elm's draft 3 is not counted)
        Assert.Equal("1,2,1,0", Counts(byNumber["4.2"])); // 2 1 2 3
        Assert.Equal("0,1,3,0", Counts(byNumber["2.1"])); // 3 2 3 3
        Assert.Equal("0,0,3,1", Counts(byNumber["7.5"])); // 3 4 3 3
        Assert.Equal((4, 1, 25, 75), (byNumber["4.2"].Rated, byNumber["4.2"].Meeting, byNumber["4.2"].MeetingPercent, byNumber["4.2"].NotMeetingPercent));
    }

    [Fact]
    public async Task Good_practice_and_concerns_follow_the_thresholds()
    {
        var (dashboard, _) = await DashboardAsync();

        Assert.Equal(new ReportThresholds(90, 50), dashboard.Thresholds);
        // Six items have an agency below Good: 2.1, 3.1, 3.2, 5.3 and 6.1 (75% meet) and 4.2 (25% meet). The other 21 all meet.
        Assert.Equal(21, dashboard.GoodPractice.Count());
        Assert.DoesNotContain(dashboard.GoodPractice, i => i.Item.Number is "2.1" or "3.1" or "3.2" or "4.2" or "5.3" or "6.1");
        Assert.Equal(["4.2"], dashboard.Concerns.Select(i => i.Item.Number));
    }

    [Fact]
    public async Task Compares_each_agency_and_standard_with_the_previous_round()
    {
        var (dashboard, _) = await DashboardAsync();

        Assert.Equal("Section 11 audit 2024", dashboard.Previous!.Title);
        // Alder 3322333 → 3332333: standard 3 improved. Birch 3333333 → 3332333: standard 4 declined.
        // Cedar 2323333 → 3323333: standard 1 improved. Damson and Elm were not in the previous round.
        Assert.Equal((1, 6, 0), (dashboard.Heatmap[0].Count(Movement.Improved), dashboard.Heatmap[0].Count(Movement.Same), dashboard.Heatmap[0].Count(Movement.Declined)));
        Assert.Equal(Movement.Improved, dashboard.Heatmap[0].Cells[2].Movement);
        Assert.Equal(Movement.Declined, dashboard.Heatmap[1].Cells[3].Movement);
        Assert.Equal(Movement.Improved, dashboard.Heatmap[2].Cells[0].Movement);
        Assert.All(dashboard.Heatmap[3].Cells, c => Assert.Null(c.Movement));
        Assert.Equal((2, 18, 1), (dashboard.Count(Movement.Improved), dashboard.Count(Movement.Same), dashboard.Count(Movement.Declined)));
    }

    [Fact]
    public async Task Lists_overdue_actions_oldest_deadline_first()
    {
        var (dashboard, data) = await DashboardAsync();

        Assert.Equal(
            [("Alder Hospital Trust", "1.1", new DateOnly(2026, 4, 1)), ("Cedar Council", "1.1", new DateOnly(2026, 4, 15))],
            dashboard.OverdueActions.Select(a => (Name(a.AgencyName, data), a.Number, a.Deadline)));
    }

    [Fact]
    [Trait("Category", "Performance")]
    public async Task The_dashboards_narrow_overdue_query_finds_what_the_whole_plans_find()
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var plans = new ActionPlanService(db, _catalog, new FixedTime(ReportingTestData.Now));

        var (_, whole) = await plans.GetRoundPlansAsync(data.RoundId);
        var narrow = await plans.GetRoundOverdueActionsAsync(data.RoundId, data.PartnershipId);

        Assert.NotEmpty(narrow);
        Assert.Equal(whole, narrow);
    }

    [Fact]
    [Trait("Category", "Performance")]
    public async Task The_heatmap_is_paged_and_the_figures_count_every_agency()
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var time = new FixedTime(ReportingTestData.Now);
        var service = new DashboardService(db, new RoundDataService(db, _catalog, time), new ActionPlanService(db, _catalog, time));

        var first = (await service.GetAsync(data.RoundId, null, page: 1))!;
        Assert.Equal((1, 1, 5, 1, 5), (first.Page.Number, first.Page.Count, first.Page.Total, first.Page.FirstRow, first.Page.LastRow));
        Assert.Equal(first.Heatmap, first.Page.Rows);
        var past = (await service.GetAsync(data.RoundId, null, page: 2))!;
        Assert.False(past.Page.Exists);
        Assert.Empty(past.Page.Rows);
        Assert.Equal(first.Submitted, past.Submitted);

        var rows = first.Heatmap;
        var paged = Enumerable.Range(0, 3).Select(n => HeatmapPage.Of([.. Enumerable.Repeat(rows, 21).SelectMany(r => r)], n + 1, 50)).ToList();
        Assert.Equal([(50, 1, 50), (50, 51, 100), (5, 101, 105)], paged.Select(p => (p.Rows.Count, p.FirstRow, p.LastRow)));
        Assert.All(paged, p => Assert.Equal((3, 105), (p.Count, p.Total)));
        Assert.Equal((1, 0, true), (HeatmapPage.Of([], 1, 50) is var empty ? (empty.Count, empty.Rows.Count, empty.Exists) : default));
    }

    [Fact]
    public async Task A_sector_filter_narrows_every_figure()
    {
        var (dashboard, data) = await DashboardAsync(Sector.Health);

        Assert.Equal(Sector.Health, dashboard.Sector);
        Assert.Equal([Sector.Health, Sector.Police, Sector.LocalAuthority, Sector.VoluntaryAndCommunity], dashboard.Sectors);
        Assert.Equal(["Alder Hospital Trust", "Elm Surgery"], dashboard.Returns.Select(r => Name(r.AgencyName, data)));
        Assert.Equal([new StatusCount(TrackerStatus.Submitted, 1), new StatusCount(TrackerStatus.Overdue, 1)], dashboard.Statuses);
        Assert.Equal("0,1,0,0", Counts(dashboard.Items.Single(i => i.Item.Number == "4.2")));
        Assert.Equal(["Alder Hospital Trust"], dashboard.OverdueActions.Select(a => Name(a.AgencyName, data)));
        Assert.Equal((1, 6, 0), (dashboard.Count(Movement.Improved), dashboard.Count(Movement.Same), dashboard.Count(Movement.Declined)));
    }

    [Fact]
    public async Task A_round_on_another_framework_is_not_compared()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
        var time = new FixedTime(ReportingTestData.Now);
        var service = new DashboardService(db, new RoundDataService(db, _catalog, time), new ActionPlanService(db, _catalog, time));
        var roundId = db.Receipts.Single(x => x.ReturnId == created.ReturnId).RoundId;

        var dashboard = (await service.GetAsync(roundId, null))!;

        Assert.Null(dashboard.Previous);
        Assert.Equal(0, dashboard.Submitted);
        Assert.All(dashboard.Items, i => Assert.Equal(0, i.Rated));
        Assert.Empty(dashboard.GoodPractice);
        Assert.Null(await service.GetAsync(int.MaxValue, null));
    }
}
