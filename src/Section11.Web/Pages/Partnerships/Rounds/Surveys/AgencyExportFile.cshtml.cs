using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>One agency's survey results as xlsx or csv (the folder filter has checked the agency is in the round).</summary>
[AdministersPartnership]
public class AgencyExportFileModel(SurveyService surveys) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int roundId, int agencyId, string format)
    {
        var found = format is "xlsx" or "csv" ? await surveys.GetAgencyResultsAsync(roundId, agencyId, HttpContext.RequestAborted) : null;
        return found is not { } f ? NotFound() : SurveyFiles.File(this, [f.Results], format, $"survey-results-agency-{agencyId}");
    }
}
