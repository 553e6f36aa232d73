using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>Each agency's rating of each mapped item beside its staff's agreement, contradictions flagged.</summary>
[AdministersPartnership]
public class TriangulationModel(SurveyService surveys, RoundService rounds) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public TriangulationView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int partnershipId, int roundId)
    {
        if (await surveys.GetTriangulationAsync(roundId, HttpContext.RequestAborted) is not { } view)
        {
            return Redirect(Links.Survey(partnershipId, roundId));
        }

        (Round, View) = ((await rounds.GetRoundAsync(partnershipId, roundId, HttpContext.RequestAborted))!, view);
        return Page();
    }
}
