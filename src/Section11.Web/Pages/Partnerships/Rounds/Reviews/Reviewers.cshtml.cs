using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Reviews;

/// <summary>The administrator chooses who reviews one receipt: ticking assigns, unticking unassigns.</summary>
[AdministersPartnership]
public class ReviewersModel(ReviewService reviews, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public List<string> UserIds { get; set; } = [];

    public ReviewerChoice Choice { get; private set; } = null!;

    public async Task OnGetAsync(int receiptId)
    {
        Choice = (await reviews.GetReviewerChoiceAsync(receiptId, HttpContext.RequestAborted))!;
        UserIds = [.. Choice.Review.Reviewers.Select(r => r.UserId)];
    }

    public async Task<IActionResult> OnPostAsync(int roundId, int receiptId)
    {
        var errors = await reviews.AssignAsync(receiptId, UserIds, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            Choice = (await reviews.GetReviewerChoiceAsync(receiptId, HttpContext.RequestAborted))!;
            this.AddErrors(errors);
            return Page();
        }

        TempData[ReviewModel.ConfirmationKey] = UserIds.Count == 0 ? "No one is assigned to this review" : "The reviewers have been saved";
        return Redirect(Links.Review(HttpContext.PartnershipAccess().Partnership.Id, roundId, receiptId));
    }
}
