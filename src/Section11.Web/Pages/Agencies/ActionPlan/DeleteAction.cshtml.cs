using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>Confirms deleting one action and its monitoring; what it said stays in the change log.</summary>
[EditsActionPlan]
public class DeleteActionModel(ActionPlanService plans, UserManager<ApplicationUser> users) : PageModel
{
    public ActionInPlan Found { get; private set; } = null!;

    private async Task<bool> LoadAsync(int actionId)
    {
        var access = HttpContext.AgencyAccess();
        Found = (await plans.GetActionInPlanAsync(access.Agency.Id, access.Scope, actionId, HttpContext.RequestAborted))!;
        return Found is not null;
    }

    public async Task<IActionResult> OnGetAsync(int actionId) => await LoadAsync(actionId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int actionId)
    {
        if (!await LoadAsync(actionId))
        {
            return NotFound();
        }

        await plans.DeleteActionAsync(actionId, users.GetUserId(User)!, HttpContext.RequestAborted);
        TempData["Confirmation"] = $"Action {Found.Number} deleted";
        return Redirect(Links.ActionPlan(Found.Area.AgencyId));
    }
}
