using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>The round's data as an Excel workbook (xlsx) or a CSV file (csv); any other format is not found.</summary>
public class ExportFileModel(RoundDataService rounds, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int roundId, string format)
    {
        if (format is not ("xlsx" or "csv"))
        {
            return NotFound();
        }

        // The folder filter has already checked the round belongs to the partnership in the address.
        var (data, moderation) = (await rounds.LoadForExportAsync(roundId, HttpContext.RequestAborted))!.Value;

        // A large workbook goes through a temporary file rather than memory; it is deleted when the response closes it.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        if (format == "xlsx")
        {
            RoundExport.WriteXlsx(data, file, time.GetUtcNow(), moderation);
        }
        else
        {
            RoundExport.WriteCsv(data, file, moderation);
        }

        file.Position = 0;
        var contentType = format == "xlsx" ? RoundExport.XlsxContentType : RoundExport.CsvContentType + "; charset=utf-8";
        return File(file, contentType, RoundExport.FileName(data.Round.Title, format));
    }
}
