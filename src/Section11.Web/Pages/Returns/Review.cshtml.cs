using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>
/// The agency's side of one partnership's review of its return: the challenges and evidence requests that were sent,
/// each with its thread, and a text box for each still to answer. The lead drafts and sends (docs/review.md).
/// </summary>
[Requires(ReturnRequirement.AnswerReview)]
public class ReviewModel(ReviewAnswerService answers, UserManager<ApplicationUser> users) : PageModel
{
    public const string ConfirmationKey = "ReturnReviewConfirmation";

    public sealed class AnswerForm
    {
        public int NoteId { get; set; }
        public string? Text { get; set; }

        /// <summary>The survey result cited with the answer: a question's id, or empty for none.</summary>
        public string? SurveyQuestionId { get; set; }
    }

    [BindProperty]
    public List<AnswerForm> Answers { get; set; } = [];

    [TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public AgencyReview Review { get; private set; } = null!;

    /// <summary>What the box of a note holds: what was just posted, else its saved draft.</summary>
    public string? TextFor(AgencyNote note) => Answers.FirstOrDefault(a => a.NoteId == note.NoteId)?.Text ?? note.Draft;

    /// <summary>The survey result a note's answer cites: what was just posted, else its saved draft's.</summary>
    public string? CitationFor(AgencyNote note) => Answers.FirstOrDefault(a => a.NoteId == note.NoteId) is { } posted
        ? posted.SurveyQuestionId
        : note.DraftCitation?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int receiptId)
    {
        if (!await LoadAsync(receiptId))
        {
            return NotFound();
        }

        Answers = [];
        return Page();
    }

    /// <summary>Keeps what is typed as drafts, for the agency only.</summary>
    public Task<IActionResult> OnPostAsync(int returnId, int receiptId) =>
        WriteAsync(returnId, receiptId, answers.SaveDraftsAsync, "Your answers are saved as a draft. The partnership cannot see them until you send them.");

    /// <summary>Sends every answer at once; an empty one comes back in the error summary with everything typed kept.</summary>
    public Task<IActionResult> OnPostSendAsync(int returnId, int receiptId) =>
        WriteAsync(returnId, receiptId, answers.SendAsync, null);

    private async Task<IActionResult> WriteAsync(
        int returnId, int receiptId, Func<int, IReadOnlyList<AnswerInput>, string, CancellationToken, Task<IReadOnlyList<Core.Returns.FieldError>>> write, string? done)
    {
        var input = Answers.Select(a => new AnswerInput(a.NoteId, a.Text, SurveyCitationField.Read(a.SurveyQuestionId))).ToList();
        var errors = await write(receiptId, input, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            if (!await LoadAsync(receiptId))
            {
                return NotFound();
            }

            this.AddErrors(errors);
            return Page();
        }

        TempData[ConfirmationKey] = done ?? $"Your answers have been sent to {(await answers.GetAsync(receiptId, HttpContext.RequestAborted))?.PartnershipName}";
        return Redirect(Links.ReturnReview(returnId, receiptId));
    }

    private async Task<bool> LoadAsync(int receiptId)
    {
        if (await answers.GetAsync(receiptId, HttpContext.RequestAborted) is not { } review)
        {
            return false;
        }

        Review = review;
        return true;
    }
}
