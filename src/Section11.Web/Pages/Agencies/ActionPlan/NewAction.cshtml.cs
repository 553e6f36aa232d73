using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

[EditsActionPlan]
public class NewActionModel(ActionPlanService plans, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public ActionForm Action { get; set; } = new();

    public ImprovementArea Area { get; private set; } = null!;

    /// <summary>What the framework of the area's round says about writing actions, if anything.</summary>
    public Section11.Core.Frameworks.ActionPlanDefinition? Guidance { get; private set; }

    /// <summary>The survey results the agency may cite as evidence for the action.</summary>
    public IReadOnlyList<Section11.Core.Surveys.SurveyCitation> Citable { get; private set; } = [];

    public async Task OnGetAsync(int areaId)
    {
        (Area, var actionRequired, var timescale, Guidance, Citable) = await plans.GetAreaAsync(areaId, HttpContext.RequestAborted);
        // Start from what the return said: its action required and timescale.
        Action = new ActionForm
        {
            SpecificAction = actionRequired,
            Deadline = ActionForm.Date(timescale),
            SuccessIndicatorsBy = ActionForm.Date(timescale),
            LeadOrganisation = HttpContext.AgencyAccess().Agency.Name,
        };
    }

    public async Task<IActionResult> OnPostAsync(int areaId)
    {
        (Area, _, _, Guidance, Citable) = await plans.GetAreaAsync(areaId, HttpContext.RequestAborted);
        var (_, errors) = await plans.AddActionAsync(areaId, Action.ToInput(), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors.Select(e => e with { Key = $"Action.{e.Key}" }));
            return Page();
        }

        TempData["Confirmation"] = "Action added";
        return Redirect(Links.ActionPlan(Area.AgencyId));
    }
}
