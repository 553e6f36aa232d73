using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Reporting.Exports;
using Section11.Core.Review;
using Section11.Core.Surveys;

namespace Section11.Core.Reporting;

/// <summary>
/// The annual-report chapter of a round. Figures come from the services that own them (the dashboard, the survey, the
/// action plans); this adds only what no page counted before: response by sector, the timeline and moderation outcomes.
/// </summary>
public sealed class AnnualReportService(Section11DbContext db, DashboardService dashboards, SurveyService surveys, ActionPlanService plans, TimeProvider time)
{
    /// <summary>The chapter of a launched round; null when the round does not exist or has not been launched.</summary>
    public async Task<AnnualReport?> GetAsync(int roundId, bool anonymous, CancellationToken ct = default) =>
        await GetFiguresAsync(roundId, ct) is { } figures ? AnnualReportChapter.Write(figures, anonymous) : null;

    public async Task<AnnualReportFigures?> GetFiguresAsync(int roundId, CancellationToken ct = default)
    {
        var dashboard = await dashboards.GetAsync(roundId, sector: null, ct);
        if (dashboard?.Data.Round.LaunchedAt is null)
        {
            return null;
        }

        var data = dashboard.Data;
        var partnership = await db.Partnerships.Where(p => p.Id == data.Round.PartnershipId).Select(p => p.Name).SingleAsync(ct);
        var response = data.Returns.GroupBy(r => r.Sector).OrderBy(g => g.Key)
            .Select(g => new SectorResponse(ReportLabels.Sector(g.Key), g.Count(), g.Count(r => r.IsSubmitted))).ToList();
        var extended = data.Returns.Where(r => r.DueOn > data.Round.DueOn).ToList();
        var timeline = new RoundTimeline(data.Round.OpensOn, data.Round.LaunchedAt, data.Round.DueOn, extended.Count,
            extended.Count == 0 ? null : extended.Max(r => r.DueOn), data.Round.ClosedAt);
        var standards = data.Standards.Select(s =>
        {
            var levels = dashboard.Heatmap.Where(h => h.Return.IsSubmitted).Select(h => h.Cells.Single(c => c.Standard.Id == s.Id).Level).ToList();
            return new StandardDistribution(s, [.. data.Levels.Select(l => new LevelCount(l, levels.Count(x => x?.Key == l.Key)))]);
        }).ToList();

        var survey = await surveys.GetResultsAsync(roundId, ct) is { } results && await surveys.GetTriangulationAsync(roundId, ct) is { } triangulation
            ? new SurveyHeadlines(results.Survey, results.Partnership, triangulation)
            : null;
        var (agencyPlans, _) = await plans.GetRoundPlansAsync(roundId, ct);
        return new AnnualReportFigures(partnership, dashboard, response, timeline, standards, await ModerationAsync(data, ct), survey, agencyPlans,
            time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The round's review states, and per standard the moderated ratings compared with the agency's own.</summary>
    private async Task<ModerationOutcomes> ModerationAsync(RoundData data, CancellationToken ct)
    {
        var receipts = data.Returns.ToDictionary(r => r.ReceiptId);
        var receiptIds = receipts.Keys.ToList();
        var moderated = await db.ModeratedRatings.AsNoTracking().Where(m => receiptIds.Contains(m.ReceiptId))
            .Select(m => new { m.ReceiptId, m.StandardId, m.ItemId, m.Rating }).ToListAsync(ct);
        // The dashboard reads evaluations but counts item answers in SQL: the self ratings of moderated items are read here.
        var returnIds = data.Returns.Where(r => r.ReturnId != null).Select(r => r.ReturnId!.Value).ToList();
        var itemIds = moderated.Where(m => m.ItemId != null).Select(m => m.ItemId!.Value).Distinct().ToList();
        var answers = itemIds.Count == 0
            ? []
            : (await db.Answers.AsNoTracking().Where(a => returnIds.Contains(a.ReturnId) && itemIds.Contains(a.ItemId))
                .Select(a => new { a.ReturnId, a.ItemId, a.Rating }).ToListAsync(ct))
                .ToDictionary(a => (a.ReturnId, a.ItemId), a => a.Rating);

        var definition = data.Framework.Definition;
        var selfScale = definition.Scale.Levels.ToDictionary(l => l.Key);
        var moderationScale = ModerationRules.Scale(definition).ToDictionary(l => l.Key);
        bool Same(string? selfKey, string moderatedKey) =>
            moderationScale.TryGetValue(moderatedKey, out var level) && !ModerationRules.Differs(selfKey is null ? null : selfScale.GetValueOrDefault(selfKey), level);

        var rows = moderated.Select(m =>
        {
            var returnId = receipts.TryGetValue(m.ReceiptId, out var r) ? r.ReturnId : null;
            var self = returnId is null ? null
                : m.ItemId is { } item ? answers.GetValueOrDefault((returnId.Value, item))
                : data.Evaluation(returnId, m.StandardId)?.Rating;
            return (m.StandardId, IsItem: m.ItemId != null, Same: Same(self, m.Rating));
        }).ToList();

        var standards = data.Standards.Select(s =>
        {
            var of = rows.Where(x => x.StandardId == s.Id).ToList();
            return new StandardModerationCount(s, of.Count(x => !x.IsItem), of.Count(x => !x.IsItem && x.Same), of.Count(x => x.IsItem), of.Count(x => x.IsItem && x.Same));
        }).ToList();
        var states = Enum.GetValues<ReviewState>().Select(state => new ReviewStateCount(state, data.Returns.Count(r => r.IsSubmitted && r.ReviewState == state))).ToList();
        return new ModerationOutcomes(states, standards);
    }
}
