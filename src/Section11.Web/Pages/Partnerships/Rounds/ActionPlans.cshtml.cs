using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Every agency's action plan in a round: counts by RAG and the list of overdue actions.</summary>
public class ActionPlansModel(RoundService rounds, ActionPlanService plans) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<ActionPlanService.AgencyPlanSummary> Agencies { get; private set; } = [];
    public IReadOnlyList<ActionPlanService.OverdueAction> Overdue { get; private set; } = [];

    public async Task OnGetAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        (Agencies, Overdue) = await plans.GetRoundPlansAsync(roundId, HttpContext.RequestAborted);
    }
}
