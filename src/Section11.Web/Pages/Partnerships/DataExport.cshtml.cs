using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

/// <summary>The partnership's whole data for its own analysts: a zip of CSV files with a data dictionary, or JSON.</summary>
[AdministersPartnership]
public class DataExportModel : PageModel
{
    public void OnGet()
    {
    }
}
