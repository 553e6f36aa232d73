using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>Confirms deleting an area with its actions; what they said stays in the change log.</summary>
[EditsActionPlan]
public class DeleteAreaModel(ActionPlanService plans, UserManager<ApplicationUser> users) : PageModel
{
    public AreaInPlan Area { get; private set; } = null!;

    private async Task<bool> LoadAsync(int areaId)
    {
        var access = HttpContext.AgencyAccess();
        Area = (await plans.GetAreaInPlanAsync(access.Agency.Id, access.Scope, areaId, HttpContext.RequestAborted))!;
        return Area is not null;
    }

    public async Task<IActionResult> OnGetAsync(int areaId) => await LoadAsync(areaId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int areaId)
    {
        if (!await LoadAsync(areaId))
        {
            return NotFound();
        }

        await plans.DeleteAreaAsync(areaId, users.GetUserId(User)!, HttpContext.RequestAborted);
        TempData["Confirmation"] = $"Improvement area {Area.Number} deleted";
        return Redirect(Links.ActionPlan(Area.Area.AgencyId));
    }
}
