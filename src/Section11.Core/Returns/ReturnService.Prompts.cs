using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Review;

namespace Section11.Core.Returns;

/// <summary>Check-your-answers: the return, what blocks submission, and what a reviewer may ask about (never a blocker).</summary>
public sealed record ReturnCheck(ReturnDetails Details, IReadOnlyList<StandardProblem> Problems, IReadOnlyList<ConsistencyPrompt> Prompts);

public sealed partial class ReturnService
{
    public async Task<ReturnCheck> GetDetailsWithProblemsAsync(ReturnSummary summary, CancellationToken ct = default)
    {
        var details = await GetDetailsAsync(summary, ct);
        var entity = new Return
        {
            Id = summary.Id,
            Answers = [.. details.AnswersByItem.Values],
            Evaluations = [.. details.EvaluationsByStandard.Values],
        };
        return new ReturnCheck(details, entity.ProblemsBeforeSubmission(details.Framework), await PromptsAsync(details, ct));
    }

    /// <summary>The read-only view; the consistency prompts only when asked for (partnership viewers), so others pay no queries.</summary>
    public async Task<(ReturnDetails Details, IReadOnlyList<ConsistencyPrompt> Prompts)> GetViewAsync(ReturnSummary summary, bool withPrompts, CancellationToken ct = default)
    {
        var details = await GetDetailsAsync(summary, ct);
        return (details, withPrompts ? await PromptsAsync(details, ct) : []);
    }

    /// <summary>Loads what the prompts compare against in a fixed number of statements, then applies the rules.</summary>
    private async Task<IReadOnlyList<ConsistencyPrompt>> PromptsAsync(ReturnDetails details, CancellationToken ct)
    {
        var previous = await PreviousAnswersAsync(details.Return, details.Framework, ct);
        var agencyId = details.Return.AgencyId;
        var actions = await db.PlanActions.AsNoTracking()
            .Where(p => p.Rag == Rag.Green && db.ImprovementAreas.Any(a => a.Id == p.ImprovementAreaId && a.AgencyId == agencyId))
            .OrderBy(p => p.Id)
            .Select(p => new PlanActionFact(p.Id, p.SpecificAction, p.Rag, p.ImpactAndEvidence))
            .ToListAsync(ct);
        return ConsistencyPrompts.For(new PromptInput(details.Framework, details.AnswersByItem, details.EvaluationsByStandard, previous, actions));
    }

    /// <summary>
    /// "Last round": the agency's latest submitted return to one of the same partnerships, in a round due before the
    /// earliest of this return's rounds, on the same framework (any version: items are matched by number).
    /// </summary>
    private async Task<IReadOnlyList<PreviousAnswer>> PreviousAnswersAsync(ReturnSummary summary, FrameworkVersion framework, CancellationToken ct)
    {
        var roundIds = summary.RoundIds;
        var partnershipIds = summary.Receipts.Select(r => r.PartnershipId).Distinct().ToList();
        if (partnershipIds.Count == 0)
        {
            return [];
        }

        var agencyId = summary.AgencyId;
        var returnId = summary.Id;
        var frameworkKey = framework.FrameworkKey;
        // One statement whether or not there is a last round, so the page's query count does not depend on the data.
        var previousId = db.Receipts
            .Where(x => x.AgencyId == agencyId && x.ReturnId != null && x.ReturnId != returnId
                && partnershipIds.Contains(x.Round.PartnershipId)
                && x.Round.DueOn < db.Rounds.Where(r => roundIds.Contains(r.Id)).Min(r => r.DueOn)
                && x.Return!.Status == ReturnLifecycle.CountingStatus
                && x.Return.FrameworkVersion.FrameworkKey == frameworkKey)
            .OrderByDescending(x => x.Round.DueOn).ThenByDescending(x => x.RoundId)
            .Select(x => x.ReturnId);
        return await db.Answers.AsNoTracking()
            .Where(a => a.ReturnId == previousId.FirstOrDefault() && a.Item.RoundId == null)
            .Select(a => new PreviousAnswer(a.Item.Standard.Number, a.Item.Number, a.Rating, a.ActualEvidence))
            .ToListAsync(ct);
    }
}
