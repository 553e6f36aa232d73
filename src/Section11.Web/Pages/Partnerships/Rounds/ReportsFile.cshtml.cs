using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Section11.Core.Organisations;
using Section11.Core.Reporting.Exports;
using Section11.Core.Reporting;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Every agency's return report in a round, one file each, in a zip (docx or pdf).</summary>
public class ReportsFileModel(RoundService rounds, ReturnReportService reports) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int roundId, string format)
    {
        var round = ReturnReportZip.Formats.Contains(format)
            ? await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted)
            : null;
        if (round is null)
        {
            return NotFound();
        }

        var all = await reports.GetRoundAsync(roundId, HttpContext.RequestAborted);
        var name = $"Section 11 returns - {round.Title} - {format}.zip";
        return File(ReturnReportZip.ToBytes(all, format), ReturnReportZip.ContentType, name);
    }
}
