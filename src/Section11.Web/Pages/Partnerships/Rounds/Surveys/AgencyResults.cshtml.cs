using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>One agency's survey results (the folder filter has checked the agency is in the round).</summary>
[AdministersPartnership]
public class AgencyResultsModel(SurveyService surveys, RoundService rounds) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public SurveyResultSet Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int partnershipId, int roundId, int agencyId)
    {
        if (await surveys.GetAgencyResultsAsync(roundId, agencyId, HttpContext.RequestAborted) is not { } found)
        {
            return Redirect(Links.Survey(partnershipId, roundId));
        }

        (Round, Results) = ((await rounds.GetRoundAsync(partnershipId, roundId, HttpContext.RequestAborted))!, found.Results);
        return Page();
    }
}
