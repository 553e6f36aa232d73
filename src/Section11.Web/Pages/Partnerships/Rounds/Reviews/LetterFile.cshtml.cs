using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Reviews;

/// <summary>The feedback letter as a Word document or a PDF, as it reads now (marked as a draft until it is sent).</summary>
public class LetterFileModel(FeedbackLetterService letters) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int receiptId, string format) =>
        await letters.GetAsync(receiptId, HttpContext.RequestAborted) is { } letter ? LetterFiles.File(this, letter.Document, format) : NotFound();
}
