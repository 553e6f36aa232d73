using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>The audit trail of a return, for the agency's lead and the partnership's administrators.</summary>
[Requires(ReturnRequirement.History)]
public class HistoryModel(ReturnService returns) : PageModel
{
    public IReadOnlyList<ReturnService.HistoryEntry> Entries { get; private set; } = [];

    public static string FieldName(string field) => field switch
    {
        "ActualEvidence" => "actual evidence",
        "ActionRequired" => "action required",
        "Timescale" => "timescale",
        "Rating" => "rating",
        "Statement" => "supporting statement",
        "Status" => "status",
        "SignOff" => "sign-off",
        "DueOn" => "return-by date",
        "ReturnedReason" => "reason for returning",
        _ => field,
    };

    public async Task OnGetAsync() =>
        Entries = await returns.GetHistoryAsync(HttpContext.ReturnAccess().Return, HttpContext.RequestAborted);
}
