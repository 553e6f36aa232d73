using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Section11.Core.Organisations;
using Section11.Core.Reporting;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Every agency's return report in a round: one at a time, or all of them in a zip.</summary>
public class ReportsModel(RoundService rounds, RoundDataService data) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<RoundReturn> Returns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int roundId)
    {
        var round = await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted);
        if (round is null)
        {
            return NotFound();
        }

        Round = round;
        Returns = await data.GetReturnsAsync(roundId, HttpContext.RequestAborted);
        return Page();
    }
}
