using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans.Exports;

namespace Section11.Core.ActionPlans;

/// <summary>The action-plan page's filters: a standard, a RAG ("none" for not rated yet), overdue only.</summary>
public sealed record PlanFilter(string? Standard = null, string? Rag = null, bool Overdue = false)
{
    /// <summary>Filtering by RAG or overdue hides the areas left with no action; the standard filter alone does not.</summary>
    public bool FiltersActions => !string.IsNullOrEmpty(Rag) || Overdue;

    public bool Keeps(ImprovementArea area) => string.IsNullOrEmpty(Standard) || area.OverarchingStandard == Standard;

    public bool Keeps(PlanAction action, DateOnly today) =>
        (string.IsNullOrEmpty(Rag) || (Rag == "none" ? action.Rag is null : action.Rag?.ToString() == Rag))
        && (!Overdue || action.IsOverdue(today));
}

/// <summary>The plan as the action-plan page shows it: the whole plan numbered, and what the filters leave.</summary>
public sealed record PlanView(
    IReadOnlyList<(ImprovementArea Area, string Number, IReadOnlyList<(PlanAction Action, string Number)> Actions)> Numbered,
    IReadOnlyList<(ImprovementArea Area, string Number, IReadOnlyList<(PlanAction Action, string Number)> Actions)> Shown,
    IReadOnlyList<string> Standards,
    IReadOnlyList<ActionPlanService.ReturnWithSuggestions> Suggestions,
    DateOnly Today,
    IReadOnlyList<Surveys.SurveyCitation>? Citable = null)
{
    /// <summary>The survey result an action cites, as the results page counts it; null for none.</summary>
    public Surveys.SurveyCitation? CitationOf(PlanAction action) => Citable?.FirstOrDefault(c => c.QuestionId == action.SurveyQuestionId);

    public int Count(Rag? rag) => Numbered.SelectMany(a => a.Actions).Count(x => x.Action.Rag == rag);

    public int OverdueCount => Numbered.SelectMany(a => a.Actions).Count(x => x.Action.IsOverdue(Today));
}

/// <summary>One improvement area with its number and its actions' numbers in the plan the person sees.</summary>
public sealed record AreaInPlan(ImprovementArea Area, string Number, IReadOnlyList<(PlanAction Action, string Number)> Actions, bool IsFirst, bool IsLast);

/// <summary>
/// One action with its area, its number in the plan, who wrote each monitoring entry, and what the framework of the
/// area's round says about action plans (its RAG definitions); null for an area with no round or a framework silent on it.
/// </summary>
public sealed record ActionInPlan(ImprovementArea Area, PlanAction Action, string Number, IReadOnlyDictionary<string, string> Authors,
    Frameworks.ActionPlanDefinition? Guidance = null, IReadOnlyList<Surveys.SurveyCitation>? Citable = null)
{
    /// <summary>The survey result the action cites; null for none.</summary>
    public Surveys.SurveyCitation? Citation => Citable?.FirstOrDefault(c => c.QuestionId == Action.SurveyQuestionId);
}

public sealed partial class ActionPlanService
{
    /// <summary>The plan, numbered, then filtered; numbers stay those of the whole plan, so 2.3 is 2.3 under any filter.</summary>
    public async Task<PlanView> GetPlanViewAsync(int agencyId, PlanScope? scope, PlanFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        var numbered = PlanNumbering.Number(await GetPlanAsync(agencyId, scope, ct));
        IReadOnlyList<(ImprovementArea, string, IReadOnlyList<(PlanAction, string)>)> shown = [.. numbered
            .Where(a => filter.Keeps(a.Area))
            .Select(a => (a.Area, a.Number, (IReadOnlyList<(PlanAction, string)>)[.. a.Actions.Where(x => filter.Keeps(x.Action, today))]))
            .Where(a => !filter.FiltersActions || a.Item3.Count > 0)];
        var standards = numbered.Select(a => a.Area.OverarchingStandard).Distinct().ToList();
        return new(numbered, shown, standards, await GetReturnsWithSuggestionsAsync(agencyId, scope, ct), today,
            await Surveys.SurveyService.CitableAsync(db, agencyId, ct));
    }

    /// <summary>
    /// One action of the plan the person sees, or null. Its number comes from positions across that whole plan, so
    /// the plan is loaded whole (it is one agency's: tens of rows).
    /// </summary>
    public async Task<ActionInPlan?> GetActionInPlanAsync(int agencyId, PlanScope? scope, int actionId, CancellationToken ct = default)
    {
        foreach (var (area, _, actions) in PlanNumbering.Number(await GetPlanAsync(agencyId, scope, ct)))
        {
            foreach (var (action, number) in actions.Where(x => x.Action.Id == actionId))
            {
                return new(area, action, number, await AuthorNamesAsync(action.Monitoring, ct), await GuidanceAsync(area, ct),
                    await Surveys.SurveyService.CitableAsync(db, agencyId, ct));
            }
        }

        return null;
    }

    /// <summary>One area of the plan the person sees, numbered as in the whole plan, or null.</summary>
    public async Task<AreaInPlan?> GetAreaInPlanAsync(int agencyId, PlanScope? scope, int areaId, CancellationToken ct = default)
    {
        var numbered = PlanNumbering.Number(await GetPlanAsync(agencyId, scope, ct));
        var index = numbered.ToList().FindIndex(a => a.Area.Id == areaId);
        return index < 0 ? null : new(numbered[index].Area, numbered[index].Number, numbered[index].Actions, index == 0, index == numbered.Count - 1);
    }

    /// <summary>The plan the person sees as the seed template's table, for the spreadsheet and Word downloads.</summary>
    public async Task<ActionPlanDocument> GetDocumentAsync(int agencyId, string agencyName, PlanScope? scope, CancellationToken ct = default)
    {
        var areas = await GetPlanAsync(agencyId, scope, ct);
        var authors = await AuthorNamesAsync(areas.SelectMany(a => a.Actions).SelectMany(x => x.Monitoring), ct);
        var citable = areas.Any(a => a.Actions.Any(x => x.SurveyQuestionId != null)) ? await Surveys.SurveyService.CitableAsync(db, agencyId, ct) : null;
        return ActionPlanDocument.From(agencyName, areas, Today, authors, citable: citable);
    }

    /// <summary>The action-plan guidance and RAG definitions of the framework of the area's round (cached per process).</summary>
    private async Task<Frameworks.ActionPlanDefinition?> GuidanceAsync(ImprovementArea area, CancellationToken ct) =>
        area.RoundId is { } roundId ? (await catalog.GetForRoundAsync(db, roundId, ct)).Definition.ActionPlan : null;

    /// <summary>Display names of the people who wrote these monitoring entries, by user id.</summary>
    private async Task<IReadOnlyDictionary<string, string>> AuthorNamesAsync(IEnumerable<MonitoringEntry> entries, CancellationToken ct)
    {
        var ids = entries.Select(m => m.AuthorId).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
