using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Every agency's actions in the round in one plan, grouped by standard, filterable by agency, RAG and overdue.</summary>
public class OverarchingPlanModel(RoundService rounds, ActionPlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "agency")]
    public int? AgencyId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rag { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    public RoundSummary Round { get; private set; } = null!;
    public OverarchingPlan Plan { get; private set; } = null!;

    public async Task OnGetAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        Plan = await plans.GetOverarchingPlanAsync(roundId, new OverarchingFilter(AgencyId, Rag, Overdue), HttpContext.RequestAborted);
    }
}
