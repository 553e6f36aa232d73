using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Data;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>The action plan as the seed template's table: a spreadsheet (.xlsx) or a Word document (.docx).</summary>
public class ExportFileModel(ActionPlanService plans, Section11DbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string format)
    {
        if (format is not ("xlsx" or "docx"))
        {
            return NotFound();
        }

        var agency = HttpContext.AgencyAccess().Agency;
        var areas = await plans.GetPlanAsync(agency.Id, HttpContext.AgencyAccess().Scope, HttpContext.RequestAborted);
        var authorIds = areas.SelectMany(a => a.Actions).SelectMany(x => x.Monitoring).Select(m => m.AuthorId).Distinct().ToList();
        var authors = await db.Users.Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, HttpContext.RequestAborted);
        var document = ActionPlanDocument.From(agency.Name, areas, plans.Today, authors);
        var name = $"Section 11 action plan - {agency.Name} - {plans.Today:yyyy-MM-dd}.{format}";
        return format == "xlsx"
            ? File(ActionPlanExport.ToXlsx(document), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)
            : File(ActionPlanExport.ToDocx(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }
}
