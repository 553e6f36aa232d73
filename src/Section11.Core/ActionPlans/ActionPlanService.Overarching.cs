using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans.Exports;

namespace Section11.Core.ActionPlans;

/// <summary>The overarching plan's filters: one agency, a RAG ("none" for not rated yet), overdue only.</summary>
public sealed record OverarchingFilter(int? AgencyId = null, string? Rag = null, bool Overdue = false)
{
    private PlanFilter Actions => new(null, Rag, Overdue);

    public bool Keeps(int agencyId) => AgencyId is null || AgencyId == agencyId;

    public bool Keeps(PlanAction action, DateOnly today) => Actions.Keeps(action, today);

    public bool FiltersActions => Actions.FiltersActions;
}

/// <summary>One action of the overarching plan, with the agency and area it comes from and its number in that agency's plan.</summary>
public sealed record OverarchingAction(int AgencyId, string AgencyName, string AreaNumber, string AreaOutcome, PlanAction Action, string Number, bool IsOverdue);

/// <summary>The actions under one overarching standard, agency by agency.</summary>
public sealed record OverarchingGroup(string OverarchingStandard, IReadOnlyList<OverarchingAction> Actions);

/// <summary>Every agency's actions in a round, grouped by standard; the totals count what the filters leave.</summary>
public sealed record OverarchingPlan(IReadOnlyList<OverarchingGroup> Groups, IReadOnlyList<(int Id, string Name)> Agencies, DateOnly Today)
{
    public IEnumerable<OverarchingAction> Actions => Groups.SelectMany(g => g.Actions);

    public int Count(Rag? rag) => Actions.Count(a => a.Action.Rag == rag);

    public int OverdueCount => Actions.Count(a => a.IsOverdue);
}

public sealed partial class ActionPlanService
{
    /// <summary>
    /// Seed 000: "all action plans … integrated into one overarching action plan without losing the source". Every
    /// agency's actions from the round, grouped by overarching standard in the framework's order, each keeping its
    /// agency and its number in that agency's plan.
    /// </summary>
    public async Task<OverarchingPlan> GetOverarchingPlanAsync(int roundId, OverarchingFilter filter, CancellationToken ct = default)
    {
        var (agencies, areas) = await OverarchingAreasAsync(roundId, filter, withMonitoring: false, ct);
        var today = Today;
        var groups = areas
            .GroupBy(a => a.Area.OverarchingStandard)
            .Select(g => new OverarchingGroup(g.Key, [.. g.SelectMany(a => a.Actions
                .Where(x => filter.Keeps(x.Action, today))
                .Select(x => new OverarchingAction(a.AgencyId, a.AgencyName, a.Number, a.Area.Outcome, x.Action, x.Number, x.Action.IsOverdue(today))))]))
            .Where(g => !filter.FiltersActions || g.Actions.Count > 0)
            .ToList();
        return new(groups, agencies, today);
    }

    /// <summary>The overarching plan as the action plan template's table (the agency's plan export's layout), for the downloads.</summary>
    public async Task<ActionPlanDocument> GetOverarchingDocumentAsync(int roundId, string partnershipName, string roundTitle, OverarchingFilter filter, CancellationToken ct = default)
    {
        var (_, areas) = await OverarchingAreasAsync(roundId, filter, withMonitoring: true, ct);
        var authors = await AuthorNamesAsync(areas.SelectMany(a => a.Area.Actions).SelectMany(x => x.Monitoring), ct);
        var today = Today;
        var groups = areas
            .GroupBy(a => a.Area.OverarchingStandard)
            .Select(g => new ActionPlanStandardGroup(g.Key, [.. g
                .Select(a => new ActionPlanArea($"{a.AgencyName} {a.Number}", a.Area.Outcome,
                    [.. a.Actions.Where(x => filter.Keeps(x.Action, today)).Select(x => ActionPlanDocument.Action(x.Action, x.Number, today, authors))]))
                .Where(a => !filter.FiltersActions || a.Actions.Count > 0)]))
            .Where(g => g.Areas.Count > 0)
            .ToList();
        return new ActionPlanDocument(partnershipName, today, $"Overarching action plan, {roundTitle}", groups);
    }

    private sealed record OverarchingArea(int AgencyId, string AgencyName, ImprovementArea Area, string Number, IReadOnlyList<(PlanAction Action, string Number)> Actions);

    /// <summary>The round's areas of the agencies the filter keeps, in the framework's standard order, then agency, then number.</summary>
    private async Task<(IReadOnlyList<(int Id, string Name)> Agencies, IReadOnlyList<OverarchingArea> Areas)> OverarchingAreasAsync(
        int roundId, OverarchingFilter filter, bool withMonitoring, CancellationToken ct)
    {
        var round = await GetRoundAreasAsync(roundId, withMonitoring, ct);
        var standardIds = round.SelectMany(a => a.Areas).Select(a => a.Area.StandardId).OfType<int>().Distinct().ToList();
        var order = await db.Standards.AsNoTracking().Where(s => standardIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Number, ct);
        IReadOnlyList<OverarchingArea> areas = [.. round
            .Where(a => filter.Keeps(a.AgencyId))
            .SelectMany(a => a.Areas.Select(x => new OverarchingArea(a.AgencyId, a.AgencyName, x.Area, x.Number, x.Actions)))
            .OrderBy(a => a.Area.StandardId is { } id && order.TryGetValue(id, out var n) ? n : int.MaxValue)
            .ThenBy(a => a.Area.OverarchingStandard, StringComparer.Ordinal)];
        return ([.. round.Select(a => (a.AgencyId, a.AgencyName))], areas);
    }
}
