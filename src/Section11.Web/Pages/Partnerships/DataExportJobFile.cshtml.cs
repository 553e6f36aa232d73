using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Reporting.Exports;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

/// <summary>
/// A ready export's file, streamed from its chunks in the database a chunk at a time (so no node holds the whole file);
/// each download is in the change log. Not ready, expired or another partnership's: 404.
/// </summary>
[AdministersPartnership]
public class DataExportJobFileModel(ExportJobService exports, UserManager<ApplicationUser> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int jobId)
    {
        var file = await exports.OpenAsync(HttpContext.PartnershipAccess().Partnership.Id, jobId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }

        Response.ContentLength = file.Length;
        return File(file.Content, file.ContentType, file.FileName);
    }
}
