using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>A sent feedback letter as a Word document or a PDF, for the agency's people only.</summary>
[Requires(ReturnRequirement.Agency)]
public class LetterFileModel(FeedbackLetterService letters) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int receiptId, string format) =>
        await letters.GetSentAsync(receiptId, HttpContext.RequestAborted) is { } letter ? LetterFiles.File(this, letter, format) : NotFound();
}
