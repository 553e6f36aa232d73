using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

public sealed class AreaForm
{
    public int AnswerId { get; set; }
    public bool Include { get; set; }
    public int? MergeWith { get; set; }
    public string? Outcome { get; set; }
}

/// <summary>Turns the items a submitted return rated below the standard into improvement areas: accept, edit or merge.</summary>
[EditsActionPlan]
public class FromReturnModel(ActionPlanService plans, ReturnService returns, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public List<AreaForm> Areas { get; set; } = [];

    public IReadOnlyList<Suggestion> Items { get; private set; } = [];

    /// <summary>For each item, the earlier items whose improvement area it may share (the merge rule is Core's).</summary>
    public IReadOnlyList<IReadOnlyList<Suggestion>> ShareTargets { get; private set; } = [];
    public string RoundTitle { get; private set; } = "";
    public bool IsSubmitted { get; private set; }
    public int ReturnId { get; private set; }

    /// <summary>The posted choice for the i-th item drawn; a forged form may not line up, so fall back to its answer id.</summary>
    public AreaForm FormFor(int i)
    {
        var item = Items[i];
        return i < Areas.Count && Areas[i].AnswerId == item.AnswerId
            ? Areas[i]
            : Areas.FirstOrDefault(a => a.AnswerId == item.AnswerId) ?? new AreaForm { AnswerId = item.AnswerId };
    }

    private async Task<ReturnSummary> LoadAsync(int returnId)
    {
        var summary = (await returns.GetSummaryAsync(returnId, HttpContext.RequestAborted))!;
        (RoundTitle, ReturnId) = (summary.RoundTitle, summary.Id);
        IsSubmitted = summary.Status.CountsAsSubmitted();
        Items = await plans.GetSuggestionsAsync(summary, HttpContext.RequestAborted);
        ShareTargets = ActionPlanService.ShareTargets(Items);
        return summary;
    }

    public async Task OnGetAsync(int returnId)
    {
        await LoadAsync(returnId);
        Areas = [.. Items.Select(s => new AreaForm
        {
            AnswerId = s.AnswerId,
            Include = true,
            Outcome = s.ActionRequired ?? $"Meet {s.ItemNumber} in full",
        })];
    }

    public async Task<IActionResult> OnPostAsync(int returnId)
    {
        var summary = await LoadAsync(returnId);
        var choices = Areas.Select(a => new AreaChoice(a.AnswerId, a.Include, a.MergeWith, a.Outcome)).ToList();
        var (added, errors) = await plans.AddFromReturnAsync(summary, choices, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData["Confirmation"] = $"{Wording.Count(added, "improvement area", "improvement areas")} added. Now add the specific actions.";
        return Redirect(Links.ActionPlan(summary.AgencyId));
    }
}
