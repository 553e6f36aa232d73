using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Review.Panels;

namespace Section11.Web.Pages.Partnerships.Rounds.Panels;

/// <summary>The round's challenge panels; administrators schedule them, the partnership's reviewers read them.</summary>
public class IndexModel(PanelService panels) : PageModel
{
    public const string ConfirmationKey = "PanelConfirmation";

    public PanelList List { get; private set; } = null!;

    public int RoundId { get; private set; }

    public async Task OnGetAsync(int roundId) => (List, RoundId) = (await panels.ListAsync(roundId, HttpContext.RequestAborted), roundId);
}
