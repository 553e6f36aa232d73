using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.ActionPlans;
using Section11.Core.ActionPlans.Exports;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>The action plan as the seed template's table: a spreadsheet (.xlsx) or a Word document (.docx).</summary>
public class ExportFileModel(ActionPlanService plans) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string format)
    {
        if (format is not ("xlsx" or "docx"))
        {
            return NotFound();
        }

        var agency = HttpContext.AgencyAccess().Agency;
        var document = await plans.GetDocumentAsync(agency.Id, agency.Name, HttpContext.AgencyAccess().Scope, HttpContext.RequestAborted);
        var name = $"Section 11 action plan - {agency.Name} - {plans.Today:yyyy-MM-dd}.{format}";
        return format == "xlsx"
            ? File(ActionPlanExport.ToXlsx(document), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)
            : File(ActionPlanExport.ToDocx(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }
}
