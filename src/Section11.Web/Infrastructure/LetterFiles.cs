using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Review;
using Section11.Core.Review.Exports;

namespace Section11.Web.Infrastructure;

/// <summary>A feedback letter's file in the format asked for (docx or pdf); any other answers 404. The partnership's and the agency's pages both use it.</summary>
public static class LetterFiles
{
    public static IActionResult File(PageModel page, LetterDocument letter, string format) => format switch
    {
        "docx" => page.File(FeedbackLetterDocx.ToBytes(letter), FeedbackLetterDocx.ContentType, letter.FileName("docx")),
        "pdf" => page.File(FeedbackLetterPdf.ToBytes(letter), FeedbackLetterPdf.ContentType, letter.FileName("pdf")),
        _ => page.NotFound(),
    };
}
