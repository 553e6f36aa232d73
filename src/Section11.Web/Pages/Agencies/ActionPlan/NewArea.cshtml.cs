using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>An improvement area that did not come from a return, such as a serious case review's finding.</summary>
[EditsActionPlan]
public class NewAreaModel(ActionPlanService plans, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var agencyId = HttpContext.AgencyAccess().Agency.Id;
        var (_, errors) = await plans.AddAreaAsync(agencyId, new AreaInput(Source, Outcome), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData["Confirmation"] = "Improvement area added. Now add the specific actions.";
        return Redirect(Links.ActionPlan(agencyId));
    }
}
