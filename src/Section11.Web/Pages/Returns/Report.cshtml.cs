using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Reporting;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>The whole return as the paper form lays it out, to print or download as Word or PDF.</summary>
[Requires(ReturnRequirement.View)]
public class ReportModel(ReturnReportService reports) : PageModel
{
    public ReturnReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var summary = HttpContext.ReturnAccess().Return;
        // A partnership's people see their own round's report; the agency, its first receipt's.
        var report = await reports.GetReturnAsync(summary.Receipts[0].RoundId, summary.Id, HttpContext.RequestAborted);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        return Page();
    }
}
