using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Reporting.Exports;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

/// <summary>
/// The partnership's whole data as a zip of CSV files or JSON. It is written to a temporary file first (a zip cannot be
/// written straight to the response without blocking), so memory stays bounded; the file is deleted once sent.
/// </summary>
[AdministersPartnership]
public class DataExportFileModel(PartnershipExportService exports) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string format)
    {
        if (!PartnershipExportService.Formats.Contains(format))
        {
            return NotFound();
        }

        var partnership = HttpContext.PartnershipAccess().Partnership;
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await exports.WriteAsync(partnership.Id, format, file, HttpContext.RequestAborted);
        file.Position = 0;
        return File(file, PartnershipExportService.ContentType(format), PartnershipExportService.FileName(partnership.Name, format));
    }
}
