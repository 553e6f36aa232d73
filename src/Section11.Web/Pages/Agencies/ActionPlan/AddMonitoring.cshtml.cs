using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;
using Section11.Web.Pages.Returns;

namespace Section11.Web.Pages.Agencies.ActionPlan;

[EditsActionPlan]
public class AddMonitoringModel(ActionPlanService plans, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public DateForm EntryDate { get; set; } = new();

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public int ActionId { get; private set; }

    public void OnGet(int actionId)
    {
        ActionId = actionId;
        EntryDate = ActionForm.Date(plans.Today);
    }

    public async Task<IActionResult> OnPostAsync(int actionId)
    {
        ActionId = actionId;
        var errors = await plans.AddMonitoringAsync(actionId, EntryDate.ToInput(), Kind, Text, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        return Redirect($"/agencies/{HttpContext.AgencyAccess().Agency.Id}/action-plan/actions/{actionId}");
    }
}
