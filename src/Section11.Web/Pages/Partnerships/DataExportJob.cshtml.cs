using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Reporting.Exports;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

/// <summary>
/// One export's progress: its status, "4 of 13 tables", and the download once ready. It never refreshes itself (a
/// refresh link does, with or without JavaScript). The folder filter answers 404 for another partnership's job.
/// </summary>
[AdministersPartnership]
public class DataExportJobModel(ExportJobService exports) : PageModel
{
    public ExportJobView Export { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int jobId)
    {
        var found = await exports.GetAsync(HttpContext.PartnershipAccess().Partnership.Id, jobId, HttpContext.RequestAborted);
        if (found is null)
        {
            return NotFound();
        }

        Export = found;
        return Page();
    }
}
