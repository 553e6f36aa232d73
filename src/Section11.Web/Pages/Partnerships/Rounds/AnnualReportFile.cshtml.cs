using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>The annual-report chapter as a Word document, naming agencies or not as the print page did.</summary>
public class AnnualReportFileModel(AnnualReportService reports) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Agencies { get; set; }

    public async Task<IActionResult> OnGetAsync(int roundId, string format)
    {
        var report = format == "docx" ? await reports.GetAsync(roundId, AnnualReportChoice.Anonymous(Agencies), HttpContext.RequestAborted) : null;
        return report is null ? NotFound() : File(AnnualReportDocx.ToBytes(report), AnnualReportDocx.ContentType, AnnualReportDocx.FileName(report));
    }
}
