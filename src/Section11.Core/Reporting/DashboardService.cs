using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;

namespace Section11.Core.Reporting;

/// <summary>
/// When an item counts as good practice or a concern across the partnership, in whole per cent of the submitted returns
/// that rated it. Shown on the dashboard beside the lists they make.
/// </summary>
public sealed record ReportThresholds(int GoodPracticePercent = 90, int ConcernPercent = 50);

public sealed record StatusCount(TrackerStatus Status, int Count);

/// <summary>How a standard's evaluation moved since the previous round.</summary>
public enum Movement
{
    Improved,
    Same,
    Declined,
}

/// <summary>One agency's evaluation of one standard. Level is null when the return is not submitted or the standard not rated.</summary>
public sealed record HeatmapCell(Standard Standard, ScaleLevel? Level, ScaleLevel? Previous, Movement? Movement);

public sealed record HeatmapRow(RoundReturn Return, IReadOnlyList<HeatmapCell> Cells)
{
    public int Count(Movement movement) => Cells.Count(c => c.Movement == movement);
}

public sealed record LevelCount(ScaleLevel Level, int Count);

/// <summary>How the submitted returns rated one item.</summary>
public sealed record ItemDistribution(Standard Standard, Item Item, IReadOnlyList<LevelCount> Counts)
{
    public int Rated => Counts.Sum(c => c.Count);
    public int Meeting => Counts.Where(c => c.Level.Meets).Sum(c => c.Count);
    public int NotMeeting => Rated - Meeting;

    /// <summary>Whole per cent, rounded down, so "90%" never shows for 89.9%.</summary>
    public int MeetingPercent => Rated == 0 ? 0 : Meeting * 100 / Rated;

    public int NotMeetingPercent => Rated == 0 ? 0 : NotMeeting * 100 / Rated;
}

/// <summary>
/// One page of the heatmap's rows, numbered from 1, of <see cref="Count"/> pages; a round with no agency still has its
/// one, empty, page. A number outside 1 to Count has no rows.
/// </summary>
public sealed record HeatmapPage(int Number, int Count, int Total, int FirstRow, IReadOnlyList<HeatmapRow> Rows)
{
    public bool Exists => Number >= 1 && Number <= Count;

    public int LastRow => FirstRow + Rows.Count - 1;

    public static HeatmapPage Of(IReadOnlyList<HeatmapRow> all, int number, int size)
    {
        var count = Math.Max(1, (all.Count + size - 1) / size);
        return number < 1 || number > count
            ? new(number, count, all.Count, 0, [])
            : new(number, count, all.Count, ((number - 1) * size) + 1, [.. all.Skip((number - 1) * size).Take(size)]);
    }
}

public sealed record PreviousRound(int RoundId, string Title, DateOnly DueOn);

public sealed record RoundDashboard(
    RoundData Data,
    Sector? Sector,
    IReadOnlyList<Sector> Sectors,
    ReportThresholds Thresholds,
    IReadOnlyList<StatusCount> Statuses,
    IReadOnlyList<RoundReturn> Returns,
    IReadOnlyList<HeatmapRow> Heatmap,
    IReadOnlyList<ItemDistribution> Items,
    PreviousRound? Previous,
    IReadOnlyList<ActionPlanService.OverdueAction> OverdueActions,
    ModerationComparison Moderation,
    HeatmapPage Page)
{
    public int Submitted => Returns.Count(r => r.IsSubmitted);

    public IEnumerable<ItemDistribution> GoodPractice => Items.Where(i => i.Rated > 0 && i.MeetingPercent >= Thresholds.GoodPracticePercent);

    public IEnumerable<ItemDistribution> Concerns => Items.Where(i => i.Rated > 0 && i.NotMeetingPercent >= Thresholds.ConcernPercent);

    public IEnumerable<RoundReturn> OverdueReturns => Returns.Where(r => r.TrackerStatus == TrackerStatus.Overdue);

    public int Count(Movement movement) => Heatmap.Sum(r => r.Count(movement));
}

/// <summary>A round at a glance for the partnership: where every agency stands, standard by standard and item by item.</summary>
public sealed class DashboardService(Section11DbContext db, RoundDataService rounds, ActionPlanService plans)
{
    public static readonly ReportThresholds DefaultThresholds = new();

    /// <summary>
    /// The dashboard for a round, optionally for one sector only, with one page of the heatmap (<see cref="HeatmapPageSize"/>
    /// agencies); every figure still counts all the sector's agencies. Null when the round does not exist; a page past the
    /// last has no rows (<see cref="HeatmapPage.Exists"/> false).
    /// </summary>
    public async Task<RoundDashboard?> GetAsync(int roundId, Sector? sector, int page = 1, CancellationToken ct = default)
    {
        // One round trip for the round's evaluations and the previous round's, read as ratings only (the heatmap shows
        // each); item answers only as counts, summed by the database.
        var previous = await FindPreviousAsync(roundId, ct);
        if (await rounds.LoadForDashboardAsync(roundId, previous?.RoundId, ct) is not var (data, earlier))
        {
            return null;
        }

        var counts = (await CountRatingsAsync(roundId, sector, ct)).ToLookup(c => c.ItemId);
        var overdue = await plans.GetRoundOverdueActionsAsync(roundId, data.Round.PartnershipId, ct);

        var returns = data.Returns.Where(r => sector is null || r.Sector == sector).ToList();
        var agencies = returns.Select(r => r.AgencyId).ToHashSet();
        var statuses = returns.GroupBy(r => r.TrackerStatus).OrderBy(g => g.Key).Select(g => new StatusCount(g.Key, g.Count())).ToList();

        // The previous round's rating of each standard number by agency (an agency has one receipt a round).
        var before = previous is null ? null : earlier.GroupBy(e => (e.AgencyId, e.StandardNumber)).ToDictionary(g => g.Key, g => g.First().Level);
        var heatmap = returns.Select(r => new HeatmapRow(r, [.. data.Standards.Select(s => Cell(data, before, r, s))])).ToList();
        var items = data.Standards
            .SelectMany(s => RoundData.ItemsOf(s).Select(i => new ItemDistribution(s, i,
                [.. data.Levels.Select(l => new LevelCount(l, counts[i.Id].Where(c => c.Rating == l.Key).Sum(c => c.Count)))])))
            .ToList();

        return new RoundDashboard(data, sector, [.. data.Returns.Select(r => r.Sector).Distinct().Order()], DefaultThresholds,
            statuses, returns, heatmap, items, previous, [.. overdue.Where(o => agencies.Contains(o.AgencyId))],
            await ModerationComparison.LoadAsync(db, data, returns, ct), HeatmapPage.Of(heatmap, page, HeatmapPageSize));
    }

    /// <summary>Agencies a page of the heatmap: a 535-agency round on one page was 3.2 MB of HTML.</summary>
    public const int HeatmapPageSize = 50;

    private static HeatmapCell Cell(RoundData data, Dictionary<(int AgencyId, int StandardNumber), ScaleLevel?>? before, RoundReturn current, Standard standard)
    {
        var level = current.IsSubmitted ? data.Level(data.Evaluation(current.ReturnId, standard.Id)?.Rating) : null;
        var previousLevel = before?.GetValueOrDefault((current.AgencyId, standard.Number));
        Movement? movement = level is null || previousLevel is null
            ? null
            : level.Position.CompareTo(previousLevel.Position) switch { > 0 => Movement.Improved, 0 => Movement.Same, _ => Movement.Declined };
        return new HeatmapCell(standard, level, previousLevel, movement);
    }

    private sealed record RatingCount(int ItemId, string? Rating, int Count);

    /// <summary>How many submitted returns (of the sector, if one is chosen) gave each rating to each item.</summary>
    private async Task<List<RatingCount>> CountRatingsAsync(int roundId, Sector? sector, CancellationToken ct) =>
        await db.Answers.AsNoTracking()
            .Join(db.Receipts.Where(x => x.RoundId == roundId && x.Return!.Status == Returns.ReturnLifecycle.CountingStatus
                    && (sector == null || x.Agency.Sector == sector)),
                a => a.ReturnId, x => x.ReturnId, (a, x) => a)
            .Where(a => a.Rating != null)
            .GroupBy(a => new { a.ItemId, a.Rating })
            .Select(g => new RatingCount(g.Key.ItemId, g.Key.Rating, g.Count()))
            .ToListAsync(ct);

    /// <summary>
    /// The partnership's latest launched round due before this one on the same framework. Rounds on another framework
    /// are not compared: their standards need not mean the same.
    /// </summary>
    private async Task<PreviousRound?> FindPreviousAsync(int roundId, CancellationToken ct) =>
        await (
                from current in db.Rounds.AsNoTracking()
                where current.Id == roundId
                from r in db.Rounds
                where r.PartnershipId == current.PartnershipId && r.Id != current.Id && r.LaunchedAt != null
                    && r.DueOn < current.DueOn && r.FrameworkVersion.FrameworkKey == current.FrameworkVersion.FrameworkKey
                orderby r.DueOn descending, r.Id descending
                select new PreviousRound(r.Id, r.Title, r.DueOn))
            .FirstOrDefaultAsync(ct);
}
