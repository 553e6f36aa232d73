using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>One improvement area: change its outcome (and the source of one added by hand), reorder it and its actions.</summary>
[EditsActionPlan]
public class AreaModel(ActionPlanService plans, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    public AreaInPlan Area { get; private set; } = null!;

    private async Task<bool> LoadAsync(int areaId)
    {
        var access = HttpContext.AgencyAccess();
        Area = (await plans.GetAreaInPlanAsync(access.Agency.Id, access.Scope, areaId, HttpContext.RequestAborted))!;
        return Area is not null;
    }

    public async Task<IActionResult> OnGetAsync(int areaId)
    {
        if (!await LoadAsync(areaId))
        {
            return NotFound();
        }

        (Source, Outcome) = (Area.Area.OverarchingStandard, Area.Area.Outcome);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int areaId)
    {
        if (!await LoadAsync(areaId))
        {
            return NotFound();
        }

        var errors = await plans.UpdateAreaAsync(areaId, new AreaInput(Source, Outcome), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData["Confirmation"] = $"Improvement area {Area.Number} saved";
        return Redirect(Links.ActionPlan(Area.Area.AgencyId));
    }

    public Task<IActionResult> OnPostMoveUpAsync(int areaId) => MoveAsync(areaId, up: true);

    public Task<IActionResult> OnPostMoveDownAsync(int areaId) => MoveAsync(areaId, up: false);

    private async Task<IActionResult> MoveAsync(int areaId, bool up)
    {
        await plans.MoveAreaAsync(areaId, up, users.GetUserId(User)!, HttpContext.RequestAborted);
        TempData["Confirmation"] = up ? "Improvement area moved up" : "Improvement area moved down";
        return Redirect(Links.ActionPlan(HttpContext.AgencyAccess().Agency.Id));
    }
}
