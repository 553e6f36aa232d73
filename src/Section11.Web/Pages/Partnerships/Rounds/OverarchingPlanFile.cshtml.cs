using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>The overarching plan, filtered as the page was, as the action plan template's table: .xlsx or .docx.</summary>
public class OverarchingPlanFileModel(RoundService rounds, ActionPlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "agency")]
    public int? AgencyId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rag { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    public async Task<IActionResult> OnGetAsync(int roundId, string format)
    {
        if (format is not ("xlsx" or "docx"))
        {
            return NotFound();
        }

        var partnership = HttpContext.PartnershipAccess().Partnership;
        var round = (await rounds.GetRoundAsync(partnership.Id, roundId, HttpContext.RequestAborted))!;
        var document = await plans.GetOverarchingDocumentAsync(roundId, partnership.Name, round.Title, new OverarchingFilter(AgencyId, Rag, Overdue), HttpContext.RequestAborted);
        var name = $"Section 11 overarching action plan - {round.Title} - {plans.Today:yyyy-MM-dd}.{format}";
        return format == "xlsx"
            ? File(ActionPlanExport.ToXlsx(document), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)
            : File(ActionPlanExport.ToDocx(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }
}
