using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.PeerReviewers;

/// <summary>The administrator invites a person of a member agency to review in this round only.</summary>
[AdministersPartnership]
public class InviteModel(PeerReviewerService peers, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? AgencyId { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public PeerReviewerList List { get; private set; } = null!;

    /// <summary>The fields in page order: the error summary lists problems in this order.</summary>
    private static readonly string[] FieldOrder = ["", nameof(AgencyId), nameof(DisplayName), nameof(Email)];

    public async Task OnGetAsync(int roundId) => List = await peers.GetListAsync(roundId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(int partnershipId, int roundId)
    {
        var (invited, errors) = await peers.InviteAsync(roundId, new PeerInvite(AgencyId, Email, DisplayName), users.GetUserId(User)!,
            $"{Request.Scheme}://{Request.Host}", HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            List = await peers.GetListAsync(roundId, HttpContext.RequestAborted);
            this.AddErrors(errors.OrderBy(e => Array.IndexOf(FieldOrder, e.Key)));
            return Page();
        }

        TempData[IndexModel.ConfirmationKey] = invited!.Pending
            ? $"{invited.Email} already has an account, so we have asked them to accept. They can review once they do."
            : $"Invitation sent to {invited.Email}";
        return Redirect(Links.PeerReviewers(partnershipId, roundId));
    }
}
