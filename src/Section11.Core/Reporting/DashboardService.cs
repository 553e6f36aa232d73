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
    ModerationComparison Moderation)
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

    /// <summary>The dashboard for a round, optionally for one sector only. Null when the round does not exist.</summary>
    public async Task<RoundDashboard?> GetAsync(int roundId, Sector? sector, CancellationToken ct = default)
    {
        // Evaluations are read row by row (the heatmap shows each); item answers only as counts, summed by the database.
        var data = await rounds.LoadAsync(roundId, withText: false, withAnswers: false, ct: ct);
        if (data is null)
        {
            return null;
        }

        var previous = await FindPreviousAsync(data, ct);
        var previousData = previous is null ? null : await rounds.LoadAsync(previous.RoundId, withText: false, withAnswers: false, ct: ct);
        var counts = (await CountRatingsAsync(roundId, sector, ct)).ToLookup(c => c.ItemId);
        var (_, overdue) = await plans.GetRoundPlansAsync(roundId, ct);

        var returns = data.Returns.Where(r => sector is null || r.Sector == sector).ToList();
        var agencies = returns.Select(r => r.AgencyId).ToHashSet();
        var submitted = returns.Where(r => r.IsSubmitted).ToList();
        var statuses = returns.GroupBy(r => r.TrackerStatus).OrderBy(g => g.Key).Select(g => new StatusCount(g.Key, g.Count())).ToList();

        var before = Earlier.Of(previousData);
        var heatmap = returns.Select(r => new HeatmapRow(r, [.. data.Standards.Select(s => Cell(data, before, r, s))])).ToList();
        var items = data.Standards
            .SelectMany(s => RoundData.ItemsOf(s).Select(i => new ItemDistribution(s, i,
                [.. data.Levels.Select(l => new LevelCount(l, counts[i.Id].Where(c => c.Rating == l.Key).Sum(c => c.Count)))])))
            .ToList();

        return new RoundDashboard(data, sector, [.. data.Returns.Select(r => r.Sector).Distinct().Order()], DefaultThresholds,
            statuses, returns, heatmap, items, previous, [.. overdue.Where(o => agencies.Contains(o.AgencyId))],
            await ModerationComparison.LoadAsync(db, data, returns, ct));
    }

    /// <summary>The previous round's submitted returns by agency and its standards by number, looked up once per dashboard.</summary>
    private sealed record Earlier(RoundData Data, Dictionary<int, RoundReturn> ByAgency, Dictionary<int, Standard> ByNumber)
    {
        public static Earlier? Of(RoundData? data) => data is null
            ? null
            : new(data, data.Returns.Where(r => r.IsSubmitted).GroupBy(r => r.AgencyId).ToDictionary(g => g.Key, g => g.First()),
                data.Standards.ToDictionary(s => s.Number));

        public ScaleLevel? Level(int agencyId, int standardNumber) =>
            ByAgency.TryGetValue(agencyId, out var r) && ByNumber.TryGetValue(standardNumber, out var s) ? Data.Level(Data.Evaluation(r.ReturnId, s.Id)?.Rating) : null;
    }

    private static HeatmapCell Cell(RoundData data, Earlier? before, RoundReturn current, Standard standard)
    {
        var level = current.IsSubmitted ? data.Level(data.Evaluation(current.ReturnId, standard.Id)?.Rating) : null;
        var previousLevel = before?.Level(current.AgencyId, standard.Number);
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
    private async Task<PreviousRound?> FindPreviousAsync(RoundData data, CancellationToken ct) =>
        await db.Rounds.AsNoTracking()
            .Where(r => r.PartnershipId == data.Round.PartnershipId && r.Id != data.Round.Id && r.LaunchedAt != null
                && r.DueOn < data.Round.DueOn && r.FrameworkVersion.FrameworkKey == data.Framework.FrameworkKey)
            .OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id)
            .Select(r => new PreviousRound(r.Id, r.Title, r.DueOn))
            .FirstOrDefaultAsync(ct);
}
