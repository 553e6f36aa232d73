using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>The return report as a file; who may view the return may download it.</summary>
[Requires(ReturnRequirement.View)]
public abstract class ReportFileModel(ReturnReportService reports, string extension) : PageModel
{
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

        var name = $"Section 11 return - {report.AgencyName} - {report.RoundTitle}.{extension}";
        return extension == "pdf"
            ? File(ReturnReportPdf.ToBytes(report), ReturnReportPdf.ContentType, name)
            : File(ReturnReportDocx.ToBytes(report), ReturnReportDocx.ContentType, name);
    }
}
