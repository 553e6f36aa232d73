using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
    public string RoundTitle { get; private set; } = "";

    private async Task<ReturnSummary> LoadAsync(int returnId)
    {
        var summary = (await returns.GetSummaryAsync(returnId, HttpContext.RequestAborted))!;
        RoundTitle = summary.RoundTitle;
        Items = await plans.GetSuggestionsAsync(summary, HttpContext.RequestAborted);
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
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        // Each included item joins the area of the item it is merged with (following the chain), or starts its own.
        var included = Areas.Where(a => a.Include).ToDictionary(a => a.AnswerId);
        int Root(AreaForm a) => a.MergeWith is { } m && included.TryGetValue(m, out var target) && m != a.AnswerId ? Root(target) : a.AnswerId;
        var groups = included.Values.GroupBy(Root).ToList();
        var request = groups.Select(g => new AreaFromAnswers([.. g.Select(a => a.AnswerId)], included[g.Key].Outcome)).ToList();
        var errors = await plans.CreateAreasAsync(summary, request, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            // The service numbers errors by area; show each on the form field of the area's first item.
            this.AddErrors(errors.Select(e => e.Key.StartsWith("Areas[", StringComparison.Ordinal)
                ? e with { Key = $"Areas[{Areas.FindIndex(a => a.AnswerId == groups[int.Parse(e.Key[6..e.Key.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)].Key)}].Outcome" }
                : e));
            return Page();
        }

        TempData["Confirmation"] = $"{request.Count} improvement {(request.Count == 1 ? "area" : "areas")} added. Now add the specific actions.";
        return Redirect($"/agencies/{summary.AgencyId}/action-plan");
    }
}
