using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Reviews;

/// <summary>One receipt's review: its state, its reviewers, and the buttons that move it on.</summary>
[OpenToPeerReviewers]
public class ReviewModel(ReviewService reviews, ReviewNoteService notes, UserManager<ApplicationUser> users) : PageModel
{
    public const string ConfirmationKey = "ReviewConfirmation";

    [TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public ReceiptReview Review { get; private set; } = null!;

    public IReadOnlyList<ReviewStandard> Standards { get; private set; } = [];

    /// <summary>Whether this person may change the review (the access filter checks the same on every button).</summary>
    public bool MayModerate { get; private set; }

    private async Task LoadAsync(int receiptId)
    {
        var page = (await reviews.GetPageAsync(receiptId, HttpContext.RequestAborted))!;
        (Review, Standards) = (page.Review, page.Standards);
        MayModerate = Review.MayModerate(users.GetUserId(User)!, HttpContext.PartnershipAccess().CanAdminister);
    }

    public Task OnGetAsync(int receiptId) => LoadAsync(receiptId);

    [ModeratesReceipt]
    public Task<IActionResult> OnPostStartAsync(int roundId, int receiptId) => ActAsync(roundId, receiptId, ReviewAction.Start, "The review has started");

    /// <summary>Sends the notes not yet sent to the agency, with an email to its leads: the review then awaits the agency.</summary>
    [ModeratesReceipt]
    public Task<IActionResult> OnPostSendToAgencyAsync(int roundId, int receiptId) =>
        DoAsync(roundId, receiptId, () => notes.SendToAgencyAsync(receiptId, users.GetUserId(User)!, HttpContext.RequestAborted),
            $"The challenges have been sent to the agency: the review is awaiting its answers");

    [ModeratesReceipt]
    public Task<IActionResult> OnPostFinishAsync(int roundId, int receiptId) => ActAsync(roundId, receiptId, ReviewAction.Finish, "The review is finished: the return is moderated");

    [AdministersPartnership]
    public Task<IActionResult> OnPostReopenAsync(int roundId, int receiptId) => ActAsync(roundId, receiptId, ReviewAction.Reopen, "The review has been reopened");

    private Task<IActionResult> ActAsync(int roundId, int receiptId, ReviewAction action, string done) =>
        DoAsync(roundId, receiptId, () => reviews.ActAsync(receiptId, action, users.GetUserId(User)!, HttpContext.RequestAborted), done);

    private async Task<IActionResult> DoAsync(int roundId, int receiptId, Func<Task<IReadOnlyList<FieldError>>> act, string done)
    {
        var errors = await act();
        if (errors.Count > 0)
        {
            await LoadAsync(receiptId);
            this.AddErrors(errors);
            return Page();
        }

        TempData[ConfirmationKey] = done;
        return Redirect(Links.Review(HttpContext.PartnershipAccess().Partnership.Id, roundId, receiptId));
    }
}
