using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

[EditsActionPlan]
public class NewMonitoringModel(ActionPlanService plans, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public DateForm EntryDate { get; set; } = new();

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public int ActionId { get; private set; }

    /// <summary>The action's number in the plan (such as 1.2), for the page title.</summary>
    public string Number { get; private set; } = "";

    public async Task OnGetAsync(int actionId)
    {
        (ActionId, Number) = (actionId, await NumberAsync(actionId));
        EntryDate = ActionForm.Date(plans.Today);
    }

    public async Task<IActionResult> OnPostAsync(int actionId)
    {
        ActionId = actionId;
        var errors = await plans.AddMonitoringAsync(actionId, EntryDate.ToInput(), Kind, Text, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            Number = await NumberAsync(actionId);
            return Page();
        }

        return Redirect(Links.PlanAction(HttpContext.AgencyAccess().Agency.Id, actionId));
    }

    private async Task<string> NumberAsync(int actionId) =>
        PlanNumbering.Number(await plans.GetPlanAsync(HttpContext.AgencyAccess().Agency.Id, HttpContext.AgencyAccess().Scope, HttpContext.RequestAborted))
            .SelectMany(area => area.Actions).FirstOrDefault(x => x.Action.Id == actionId).Number ?? "";
}
