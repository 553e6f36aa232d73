using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Section11.Core.Identity;
using Section11.Core.Reporting.Exports;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

/// <summary>
/// The partnership's whole data for its own analysts: choosing a format queues an export, produced in the background
/// (<see cref="ExportJobService"/>), and goes to its progress page. The page lists the recent exports.
/// </summary>
[AdministersPartnership]
public class DataExportModel(ExportJobService exports, UserManager<ApplicationUser> users, IOptions<ExportOptions> options) : PageModel
{
    public int KeepDays => options.Value.KeepDays;

    [BindProperty]
    public string? Format { get; set; }

    public IReadOnlyList<ExportJobView> Recent { get; private set; } = [];

    public async Task OnGetAsync() => Recent = await exports.RecentAsync(HttpContext.PartnershipAccess().Partnership.Id, ct: HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var partnershipId = HttpContext.PartnershipAccess().Partnership.Id;
        var (jobId, errors) = await exports.RequestAsync(partnershipId, Format, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (jobId is null)
        {
            this.AddErrors(errors);
            await OnGetAsync();
            return Page();
        }

        return Redirect(Links.DataExportJob(partnershipId, jobId.Value));
    }

    /// <summary>The format's name in words, as the radios and the lists say it.</summary>
    public static string FormatName(string format) => format == "zip" ? "CSV files with a data dictionary (.zip)" : "JSON (.json)";

    /// <summary>The status tag's words and colour.</summary>
    public static (string Text, string Colour) Tag(ExportJobStatus status) => status switch
    {
        ExportJobStatus.Queued => ("Waiting to start", "grey"),
        ExportJobStatus.Running => ("Being prepared", "blue"),
        ExportJobStatus.Ready => ("Ready", "green"),
        ExportJobStatus.Failed => ("Failed", "red"),
        _ => ("Deleted", "grey"),
    };

    public static string When(DateTime at) => at.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
