using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Reporting.Exports;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>What the round's two downloads contain, with their rough sizes and links.</summary>
public class ExportModel(RoundService rounds, FrameworkCatalog catalog, Section11DbContext db) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public int Standards { get; private set; }
    public int Items { get; private set; }
    public (long Xlsx, long Csv) Sizes { get; private set; }

    public async Task OnGetAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        // Cached per round once launched, so this is no extra query on a later visit.
        var framework = await catalog.GetForRoundAsync(db, roundId, HttpContext.RequestAborted);
        Standards = framework.Standards.Count;
        Items = framework.Standards.Sum(s => s.Items.Count);
        Sizes = RoundExport.EstimateSizes(Round, framework);
    }

    /// <summary>"about 40 KB", "about 3.2 MB".</summary>
    public static string Size(long bytes) => bytes < 1_000_000
        ? $"about {Math.Max(10, Math.Round(bytes / 1000.0 / 10) * 10):0} KB"
        : $"about {bytes / 1_000_000.0:0.0} MB";
}
