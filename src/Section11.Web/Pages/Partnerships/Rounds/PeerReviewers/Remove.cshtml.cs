using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.PeerReviewers;

/// <summary>Confirms, then ends a peer reviewer's place in the round: their access ends at once.</summary>
[AdministersPartnership]
public class RemoveModel(PeerReviewerService peers, UserManager<ApplicationUser> users) : PageModel
{
    public PeerReviewerRow Peer { get; private set; } = null!;

    public int RoundId { get; private set; }

    public string RoundTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int roundId, int peerId)
    {
        var list = await peers.GetListAsync(roundId, HttpContext.RequestAborted);
        if (list.Peers.FirstOrDefault(p => p.Id == peerId) is not { } peer)
        {
            return NotFound();
        }

        (Peer, RoundId, RoundTitle) = (peer, list.RoundId, list.RoundTitle);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int partnershipId, int roundId, int peerId)
    {
        if (await peers.RemoveAsync(roundId, peerId, users.GetUserId(User)!, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        TempData[IndexModel.ConfirmationKey] = "The peer reviewer has been removed";
        return Redirect(Links.PeerReviewers(partnershipId, roundId));
    }
}
