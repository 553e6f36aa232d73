using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>The survey's results for the whole partnership, with a link to each agency's.</summary>
[AdministersPartnership]
public class ResultsModel(SurveyService surveys, RoundService rounds) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public SurveyResultsView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int partnershipId, int roundId)
    {
        var view = await surveys.GetResultsAsync(roundId, HttpContext.RequestAborted);
        if (view is null)
        {
            // Nothing to show before the survey opens: its page says what to do first.
            return Redirect(Links.Survey(partnershipId, roundId));
        }

        (Round, View) = ((await rounds.GetRoundAsync(partnershipId, roundId, HttpContext.RequestAborted))!, view);
        return Page();
    }
}
