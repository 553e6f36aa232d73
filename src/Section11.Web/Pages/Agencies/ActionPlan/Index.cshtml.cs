using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>The agency's action plan, across rounds, filterable by standard, RAG and overdue.</summary>
public class IndexModel(ActionPlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Standard { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rag { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<(ImprovementArea Area, string Number, IReadOnlyList<(PlanAction Action, string Number)> Actions)> Numbered { get; private set; } = [];

    /// <summary>What the filters leave; numbers stay those of the whole plan.</summary>
    public IReadOnlyList<(ImprovementArea Area, string Number, IReadOnlyList<(PlanAction Action, string Number)> Actions)> Shown { get; private set; } = [];

    public IReadOnlyList<string> Standards { get; private set; } = [];

    public IReadOnlyList<ActionPlanService.ReturnWithSuggestions> Suggestions { get; private set; } = [];

    public int Count(Rag? rag) => Numbered.SelectMany(a => a.Actions).Count(x => x.Action.Rag == rag);

    public async Task OnGetAsync()
    {
        var access = HttpContext.AgencyAccess();
        var agencyId = access.Agency.Id;
        Today = plans.Today;
        Numbered = PlanNumbering.Number(await plans.GetPlanAsync(agencyId, access.Scope, HttpContext.RequestAborted));
        Standards = [.. Numbered.Select(a => a.Area.OverarchingStandard).Distinct()];
        Suggestions = await plans.GetReturnsWithSuggestionsAsync(agencyId, access.Scope, HttpContext.RequestAborted);
        bool Keep(PlanAction x) =>
            (string.IsNullOrEmpty(Rag) || (Rag == "none" ? x.Rag is null : x.Rag?.ToString() == Rag))
            && (!Overdue || x.IsOverdue(Today));
        var filtering = !string.IsNullOrEmpty(Rag) || Overdue;
        Shown = [.. Numbered
            .Where(a => string.IsNullOrEmpty(Standard) || a.Area.OverarchingStandard == Standard)
            .Select(a => (a.Area, a.Number, (IReadOnlyList<(PlanAction, string)>)[.. a.Actions.Where(x => Keep(x.Action))]))
            .Where(a => !filtering || a.Item3.Count > 0)];
    }
}
