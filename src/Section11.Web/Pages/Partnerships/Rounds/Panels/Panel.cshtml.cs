using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Review.Panels;

namespace Section11.Web.Pages.Partnerships.Rounds.Panels;

/// <summary>One panel: when and where, its members, its agencies with their outcomes, and the pre-read pack.</summary>
public class PanelModel(PanelService panels) : PageModel
{
    public const string ConfirmationKey = "PanelConfirmation";

    [TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public PanelPage Panel { get; private set; } = null!;

    /// <summary>A panel of another round (or none) is not found: the access filter has checked the round is the partnership's.</summary>
    public async Task<IActionResult> OnGetAsync(int roundId, int panelId)
    {
        if (await panels.GetAsync(roundId, panelId, HttpContext.RequestAborted) is not { } panel)
        {
            return NotFound();
        }

        Panel = panel;
        return Page();
    }
}
