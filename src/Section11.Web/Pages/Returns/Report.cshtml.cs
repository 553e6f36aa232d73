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

    /// <summary>The receipt (so the round) this report is of.</summary>
    public Section11.Core.Returns.ReceiptSummary Receipt { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public int? RoundId { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var summary = HttpContext.ReturnAccess().Return;
        // The report of the round in context: the one asked for among those the person sees (a partnership's people see
        // only their own receipts), or the only one.
        var receipt = summary.ReceiptForReport(RoundId);
        var report = receipt is null ? null : await reports.GetReturnAsync(receipt.RoundId, summary.Id, HttpContext.RequestAborted);
        if (report is null)
        {
            return NotFound();
        }

        (Report, Receipt) = (report, receipt!);
        // The downloads name the round only where the person sees more than one.
        RoundId = summary.Receipts.Count > 1 ? receipt!.RoundId : null;
        return Page();
    }
}
