using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>One action: its monitoring log, and (for the agency's editors) the form to change it, RAG included.</summary>
[EditsActionPlan(PostOnly = true)]
public class ActionModel(ActionPlanService plans, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public ActionForm Action { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public PlanAction Saved { get; private set; } = null!;

    /// <summary>The survey results the agency may cite, and the one the action cites (null for none).</summary>
    public IReadOnlyList<Section11.Core.Surveys.SurveyCitation> Citable { get; private set; } = [];
    public Section11.Core.Surveys.SurveyCitation? Citation { get; private set; }

    public ImprovementArea Area { get; private set; } = null!;
    public string Number { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public IReadOnlyDictionary<string, string> Authors { get; private set; } = new Dictionary<string, string>();

    /// <summary>The RAG definitions of the framework of the area's round, if it has any.</summary>
    public Section11.Core.Frameworks.ActionPlanDefinition? Guidance { get; private set; }

    public static string KindName(MonitoringKind kind) => kind switch
    {
        MonitoringKind.Progress => "progress",
        MonitoringKind.Risk => "risk",
        _ => "additional action",
    };

    private async Task<bool> LoadAsync(int actionId)
    {
        var access = HttpContext.AgencyAccess();
        Today = plans.Today;
        if (await plans.GetActionInPlanAsync(access.Agency.Id, access.Scope, actionId, HttpContext.RequestAborted) is not { } found)
        {
            return false;
        }

        (Area, Saved, Number, Authors, Guidance) = (found.Area, found.Action, found.Number, found.Authors, found.Guidance);
        (Citable, Citation) = (found.Citable ?? [], found.Citation);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int actionId)
    {
        if (!await LoadAsync(actionId))
        {
            return NotFound();
        }

        Action = ActionForm.From(Saved);
        Version = Saved.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int actionId)
    {
        if (!await LoadAsync(actionId))
        {
            return NotFound();
        }

        var errors = await plans.UpdateActionAsync(actionId, Version, Action.ToInput(), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors.Select(e => e.Key.Length == 0 ? e : e with { Key = $"Action.{e.Key}" }));
            return Page();
        }

        TempData["Confirmation"] = $"Action {Number} saved";
        return Redirect(Links.ActionPlan(HttpContext.AgencyAccess().Agency.Id));
    }

    public Task<IActionResult> OnPostMoveUpAsync(int actionId) => MoveAsync(actionId, up: true);

    public Task<IActionResult> OnPostMoveDownAsync(int actionId) => MoveAsync(actionId, up: false);

    /// <summary>The area page's buttons: one place up or down within the area, then back to the area.</summary>
    private async Task<IActionResult> MoveAsync(int actionId, bool up)
    {
        if (!await LoadAsync(actionId))
        {
            return NotFound();
        }

        await plans.MoveActionAsync(actionId, up, users.GetUserId(User)!, HttpContext.RequestAborted);
        return Redirect(Links.PlanArea(Area.AgencyId, Area.Id));
    }
}
