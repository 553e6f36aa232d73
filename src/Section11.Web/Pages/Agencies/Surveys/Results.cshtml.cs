using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.Surveys;

/// <summary>
/// The agency lead's view of its own staff's answers to a round's survey: only once the survey has closed, and only
/// publishable free text. The folder filter has checked the agency takes part in the round.
/// </summary>
[LeadsAgency]
public class ResultsModel(SurveyService surveys) : PageModel
{
    public string RoundTitle { get; private set; } = "";

    /// <summary>Null while the survey still takes answers.</summary>
    public SurveyResultSet? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(int agencyId, int roundId)
    {
        var found = await surveys.GetLeadResultsAsync(roundId, agencyId, HttpContext.RequestAborted);
        if (found is null)
        {
            return NotFound();
        }

        (RoundTitle, Results) = found.Value;
        return Page();
    }
}
