using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Reporting;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>The round's annual-report chapter as a print page, naming agencies or not, with its Word download.</summary>
public class AnnualReportModel(AnnualReportService reports) : PageModel
{
    public Core.Reporting.AnnualReport Report { get; private set; } = null!;

    /// <summary>"named" names the agencies; anything else (or nothing) does not, so a forgotten choice never names them.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Agencies { get; set; }

    public bool Anonymous => AnnualReportChoice.Anonymous(Agencies);

    public async Task<IActionResult> OnGetAsync(int partnershipId, int roundId)
    {
        var report = await reports.GetAsync(roundId, Anonymous, HttpContext.RequestAborted);
        if (report is null)
        {
            return Redirect(Links.RoundLaunch(partnershipId, roundId));
        }

        Report = report;
        return Page();
    }
}

/// <summary>How the address says whether to name agencies: only "named" does.</summary>
public static class AnnualReportChoice
{
    public static bool Anonymous(string? agencies) => agencies != "named";
}
