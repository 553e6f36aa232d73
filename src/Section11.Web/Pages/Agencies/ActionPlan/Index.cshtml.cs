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

    public PlanView Plan { get; private set; } = null!;

    /// <summary>Moving areas is offered on the whole plan only: under a filter, "up" would skip areas not shown.</summary>
    public bool Filtered => !string.IsNullOrEmpty(Standard) || !string.IsNullOrEmpty(Rag) || Overdue;

    public async Task OnGetAsync()
    {
        var access = HttpContext.AgencyAccess();
        Plan = await plans.GetPlanViewAsync(access.Agency.Id, access.Scope, new PlanFilter(Standard, Rag, Overdue), HttpContext.RequestAborted);
    }
}
