using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>One action: its monitoring log, and (for the agency's editors) the form to change it, RAG included.</summary>
[EditsActionPlan(PostOnly = true)]
public class ActionModel(ActionPlanService plans, Section11DbContext db, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public ActionForm Action { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public PlanAction Saved { get; private set; } = null!;
    public ImprovementArea Area { get; private set; } = null!;
    public string Number { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public IReadOnlyDictionary<string, string> Authors { get; private set; } = new Dictionary<string, string>();

    public static string KindName(MonitoringKind kind) => kind switch
    {
        MonitoringKind.Progress => "progress",
        MonitoringKind.Risk => "risk",
        _ => "additional action",
    };

    private async Task LoadAsync(int actionId)
    {
        Today = plans.Today;
        var numbered = PlanNumbering.Number(await plans.GetPlanAsync(HttpContext.AgencyAccess().Agency.Id, HttpContext.AgencyAccess().Scope, HttpContext.RequestAborted));
        foreach (var (area, _, actions) in numbered)
        {
            foreach (var (action, number) in actions.Where(x => x.Action.Id == actionId))
            {
                (Saved, Area, Number) = (action, area, number);
            }
        }

        var authorIds = Saved.Monitoring.Select(m => m.AuthorId).Distinct().ToList();
        Authors = await db.Users.Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, HttpContext.RequestAborted);
    }

    public async Task OnGetAsync(int actionId)
    {
        await LoadAsync(actionId);
        Action = ActionForm.From(Saved);
        Version = Saved.Version;
    }

    public async Task<IActionResult> OnPostAsync(int actionId)
    {
        await LoadAsync(actionId);
        var errors = await plans.UpdateActionAsync(actionId, Version, Action.ToInput(), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors.Select(e => e.Key.Length == 0 ? e : e with { Key = $"Action.{e.Key}" }));
            return Page();
        }

        TempData["Confirmation"] = $"Action {Number} saved";
        return Redirect(Links.ActionPlan(HttpContext.AgencyAccess().Agency.Id));
    }
}
