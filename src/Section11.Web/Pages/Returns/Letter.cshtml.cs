using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>
/// A partnership's feedback letter about the return, as the agency reads it once it is sent (a draft, or no letter, is
/// 404): only the agency's own people; the partnership's read theirs on the review (docs/review.md#feedback-letters).
/// </summary>
[Requires(ReturnRequirement.Agency)]
public class LetterModel(FeedbackLetterService letters) : PageModel
{
    public LetterDocument Letter { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int receiptId)
    {
        if (await letters.GetSentAsync(receiptId, HttpContext.RequestAborted) is not { } letter)
        {
            return NotFound();
        }

        Letter = letter;
        return Page();
    }
}
