using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>The partnership's survey results, every agency then the total, as xlsx or csv; any other format is not found.</summary>
[AdministersPartnership]
public class ExportFileModel(SurveyService surveys) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int roundId, string format)
    {
        var view = format is "xlsx" or "csv" ? await surveys.GetResultsAsync(roundId, HttpContext.RequestAborted) : null;
        return view is null ? NotFound() : SurveyFiles.File(this, [.. view.Agencies, view.Partnership], format, "survey-results");
    }
}

/// <summary>Writes result sets as the file a survey export asks for (shared by the partnership and agency downloads).</summary>
public static class SurveyFiles
{
    public static FileContentResult File(PageModel page, IReadOnlyList<SurveyResultSet> sets, string format, string name)
    {
        if (format == "xlsx")
        {
            return page.File(SurveyResultsExport.ToXlsx(sets, "Survey results"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx");
        }

        using var stream = new MemoryStream();
        SurveyResultsExport.WriteCsv(sets, stream);
        return page.File(stream.ToArray(), "text/csv; charset=utf-8", $"{name}.csv");
    }
}
