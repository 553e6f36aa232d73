using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.PeerReviewers;

/// <summary>The round's peer-agency reviewers: who they are, where they come from, what they review.</summary>
[AdministersPartnership]
public class IndexModel(PeerReviewerService peers) : PageModel
{
    public const string ConfirmationKey = "PeerReviewerConfirmation";

    [TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public PeerReviewerList List { get; private set; } = null!;

    public async Task OnGetAsync(int roundId) => List = await peers.GetListAsync(roundId, HttpContext.RequestAborted);
}
