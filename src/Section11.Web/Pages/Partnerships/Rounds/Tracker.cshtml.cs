using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Where every agency stands in the round.</summary>
public class TrackerModel(RoundService rounds) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<TrackerRow> Rows { get; private set; } = [];

    public static string Label(TrackerStatus status) => Core.Reporting.Exports.ReportLabels.Status(status);

    public static string TagClass(TrackerStatus status) => status switch
    {
        TrackerStatus.NotStarted => "app-tag--grey",
        TrackerStatus.InProgress => "app-tag--blue",
        TrackerStatus.AwaitingSignOff => "app-tag--purple",
        TrackerStatus.Submitted => "app-tag--green",
        TrackerStatus.ReturnedForChanges => "app-tag--amber",
        _ => "app-tag--red",
    };

    public async Task<IActionResult> OnGetAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        if (Round.LaunchedAt is null)
        {
            return Redirect($"/partnerships/{Round.PartnershipId}/rounds/{roundId}/launch");
        }

        Rows = await rounds.GetTrackerAsync(roundId, HttpContext.RequestAborted);
        return Page();
    }
}
