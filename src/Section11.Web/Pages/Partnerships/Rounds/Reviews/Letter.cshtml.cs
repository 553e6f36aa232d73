using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Reviews;

/// <summary>
/// A receipt's feedback letter (docs/review.md#feedback-letters): how it reads, the form for its editable parts, and its
/// Word and PDF files. The partnership's administrators save and send it; everyone else on the review reads it.
/// </summary>
public class LetterModel(FeedbackLetterService letters, UserManager<ApplicationUser> users) : PageModel
{
    public const string ConfirmationKey = "LetterConfirmation";

    [TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    [BindProperty]
    public string? Opening { get; set; }

    [BindProperty]
    public string? Strengths { get; set; }

    [BindProperty]
    public string? RequiredActions { get; set; }

    [BindProperty]
    public DateForm FollowUp { get; set; } = new();

    public LetterPage Letter { get; private set; } = null!;

    /// <summary>Whether the form is shown: an administrator, on a letter that can still be written.</summary>
    public bool CanEdit => Letter.IsOpen && HttpContext.PartnershipAccess().CanAdminister;

    public async Task<IActionResult> OnGetAsync(int receiptId)
    {
        if (!await LoadAsync(receiptId))
        {
            return NotFound();
        }

        var v = Letter.Values;
        (Opening, Strengths, RequiredActions) = (v.Opening, v.Strengths, v.RequiredActions);
        FollowUp = new DateForm { Day = v.FollowUp.Day, Month = v.FollowUp.Month, Year = v.FollowUp.Year };
        return Page();
    }

    /// <summary>Saves the draft (the first save creates it from what the form holds).</summary>
    [AdministersPartnership]
    public Task<IActionResult> OnPostAsync(int roundId, int receiptId) =>
        WriteAsync(roundId, receiptId, letters.SaveDraftAsync, "The draft letter has been saved. The agency cannot see it until it is sent.");

    /// <summary>Saves what is typed and sends the letter to the agency, with an email to its leads.</summary>
    [AdministersPartnership]
    public Task<IActionResult> OnPostSendAsync(int roundId, int receiptId) =>
        WriteAsync(roundId, receiptId, letters.SendAsync, "The letter has been sent to the agency: its leads have been emailed a link to it");

    private async Task<IActionResult> WriteAsync(
        int roundId, int receiptId, Func<int, LetterInput, string, CancellationToken, Task<IReadOnlyList<FieldError>>> write, string done)
    {
        var input = new LetterInput(Opening, Strengths, RequiredActions, FollowUp.ToInput());
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

        TempData[ConfirmationKey] = done;
        return Redirect(Links.ReviewLetter(HttpContext.PartnershipAccess().Partnership.Id, roundId, receiptId));
    }

    private async Task<bool> LoadAsync(int receiptId)
    {
        if (await letters.GetAsync(receiptId, HttpContext.RequestAborted) is not { } letter)
        {
            return false;
        }

        Letter = letter;
        return true;
    }
}
