using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Core.Surveys;

namespace Section11.Core.Reporting;

/// <summary>
/// Builds return reports from <see cref="RoundDataService"/> and the round's action plans, in a fixed number of queries (and
/// one read of the citable survey results for each agency whose plan cites one).
/// </summary>
public sealed class ReturnReportService(Section11DbContext db, RoundDataService rounds, SurveyService surveys, TimeProvider time)
{
    /// <summary>One return's report; null when the return is not in the round.</summary>
    public async Task<ReturnReport?> GetReturnAsync(int roundId, int returnId, CancellationToken ct = default) =>
        (await BuildAsync(roundId, returnId, ct)).SingleOrDefault();

    /// <summary>Every return of the round, in agency-name order (for the zip); empty when the round does not exist.</summary>
    public async Task<IReadOnlyList<ReturnReport>> GetRoundAsync(int roundId, CancellationToken ct = default) =>
        await BuildAsync(roundId, null, ct);

    private async Task<IReadOnlyList<ReturnReport>> BuildAsync(int roundId, int? returnId, CancellationToken ct)
    {
        var data = await rounds.LoadAsync(roundId, withText: true, returnId, ct: ct);
        if (data is null)
        {
            return [];
        }

        // A receipt still waiting for the agency's choice has no return to report.
        var returns = data.Returns.Where(r => r.ReturnId is not null && (returnId is null || r.ReturnId == returnId)).ToList();
        var agencyIds = returns.Select(r => r.AgencyId).Distinct().ToList();

        // Every area of these agencies from this partnership's rounds (numbers are those of the partnership's part of the
        // plan: another partnership's areas are not shown, nor counted), in one query.
        var areas = (await PlanScope.OfPartnerships([data.Round.PartnershipId])
                .Filter(db.ImprovementAreas.Where(a => agencyIds.Contains(a.AgencyId)), db).AsNoTracking().AsSingleQuery()
                .Include(a => a.Actions).ThenInclude(x => x.Monitoring)
                .ToListAsync(ct))
            .ToLookup(a => a.AgencyId);

        var triangulation = await surveys.GetAgencyTriangulationsAsync(roundId, ct);
        // The survey results an action cites, read only for the few agencies whose plan cites one.
        var citable = new Dictionary<int, IReadOnlyList<SurveyCitation>>();
        foreach (var agencyId in agencyIds.Where(id => areas[id].Any(a => a.RoundId == roundId && a.Actions.Any(x => x.SurveyQuestionId != null))))
        {
            citable[agencyId] = await SurveyService.CitableAsync(db, agencyId, ct);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var declaration = data.Framework.Definition.Declaration.Text;
        return [.. returns.Select(r => new ReturnReport(
            r.ReturnId!.Value, r.AgencyId, r.AgencyName, data.Round.Title, data.Framework.Title, data.Framework.Version,
            r.Status!.Value, r.DueOn, r.SubmittedAt, today,
            [.. data.Standards.Select(s => Standard(data, r.ReturnId!.Value, s))],
            declaration,
            r.SignOff is { } s ? new ReportSignOff(s.SignatoryName, s.PostHeld, s.Organisation, s.SignedOn) : null,
            ActionPlanDocument.From(r.AgencyName, [.. areas[r.AgencyId]], today, title: data.Round.Title, include: a => a.RoundId == roundId,
                citable: citable.GetValueOrDefault(r.AgencyId)), r.IsRevised,
            triangulation.GetValueOrDefault(r.AgencyId)))];
    }

    private static ReportStandard Standard(RoundData data, int returnId, Frameworks.Standard standard)
    {
        var evaluation = data.Evaluation(returnId, standard.Id);
        return new ReportStandard(standard.Number, standard.Title,
            [.. RoundData.ItemsOf(standard).Select(item =>
            {
                var answer = data.Answer(returnId, item.Id);
                return new ReportItem(item.Number, item.Text, answer?.Rating, Label(data, answer?.Rating), answer?.ActualEvidence, answer?.ActionRequired, answer?.Timescale);
            })],
            new ReportEvaluation(standard.Number, evaluation?.Rating, Label(data, evaluation?.Rating), evaluation?.Statement));
    }

    private static string Label(RoundData data, string? key) => data.Level(key)?.Label ?? "Not rated";
}
