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

    /// <param name="page">The heatmap's page, from ?page=N ("page" is also Razor Pages' own route value, hence FromQuery).</param>
    public async Task<IActionResult> OnGetAsync(int partnershipId, int roundId, [FromQuery(Name = "page")] int? page)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        var sector = Section11.Core.StrictEnum.ParseOrNull<Sector>(Sector);
        Dashboard = (await dashboards.GetAsync(roundId, sector, page ?? 1, HttpContext.RequestAborted))!;
        if (Dashboard.Data.Round.LaunchedAt is null)
        {
            return Redirect(Links.RoundLaunch(partnershipId, roundId));
        }

        // A page past the last (the round has fewer agencies, or another sector was chosen) is an address that does not
        // exist: the service's page not found, as for any other, rather than an empty table.
        return Dashboard.Page.Exists ? Page() : NotFound();
    }
}
