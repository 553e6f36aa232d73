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
        var dashboard = await dashboards.GetAsync(roundId, sector: null, ct: ct);
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
        return new AnnualReportFigures(partnership, dashboard, response, timeline, standards, Moderation(dashboard), survey, agencyPlans,
            time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The round's review states, and per standard the moderated ratings compared with the agency's own: counted from the
    /// dashboard's comparison, so the chapter and the dashboard cannot disagree.
    /// </summary>
    private static ModerationOutcomes Moderation(RoundDashboard dashboard)
    {
        var grades = dashboard.Moderation.Rows.SelectMany(r => r.Grades).ToLookup(g => g.Standard.Id);
        var standards = dashboard.Data.Standards.Select(s =>
        {
            var of = grades[s.Id].ToList();
            return new StandardModerationCount(s, of.Count(g => g.ItemId is null), of.Count(g => g.ItemId is null && g.Agrees),
                of.Count(g => g.ItemId is not null), of.Count(g => g.ItemId is not null && g.Agrees));
        }).ToList();
        var states = Enum.GetValues<ReviewState>().Select(state => new ReviewStateCount(state, dashboard.Data.Returns.Count(r => r.IsSubmitted && r.ReviewState == state))).ToList();
        return new ModerationOutcomes(states, standards);
    }
}
