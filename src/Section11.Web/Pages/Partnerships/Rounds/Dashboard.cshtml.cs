using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Core.Reporting;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>A round at a glance for the partnership board: statuses, standards by agency, items, change, overdue.</summary>
public class DashboardModel(DashboardService dashboards) : PageModel
{
    public RoundDashboard Dashboard { get; private set; } = null!;

    /// <summary>The sector filter as it came in the address; an unknown value shows every sector.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    public async Task<IActionResult> OnGetAsync(int partnershipId, int roundId)
    {
        var sector = Section11.Core.StrictEnum.ParseOrNull<Sector>(Sector);
        Dashboard = (await dashboards.GetAsync(roundId, sector, HttpContext.RequestAborted))!;
        if (Dashboard.Data.Round.LaunchedAt is null)
        {
            return Redirect(Links.RoundLaunch(partnershipId, roundId));
        }

        return Page();
    }
}
