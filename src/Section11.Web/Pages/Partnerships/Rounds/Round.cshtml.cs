using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Section11.Core.Organisations;
using Section11.Core.Reporting;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Where every agency stands in the round.</summary>
public class RoundModel(RoundService rounds, RoundDataService roundData) : PageModel
{
    /// <summary>Where the pages that change a round say what they did, shown once after their redirect.</summary>
    public const string ConfirmationKey = "Confirmation";

    [TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<RoundReturn> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        if (Round.LaunchedAt is null)
        {
            return Redirect(Links.RoundLaunch(Round.PartnershipId, roundId));
        }

        Rows = await roundData.GetReturnsAsync(roundId, HttpContext.RequestAborted);
        return Page();
    }
}
