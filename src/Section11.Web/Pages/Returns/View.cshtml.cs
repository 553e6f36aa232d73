using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>The whole return read-only, laid out to print.</summary>
public class ViewModel(ReturnService returns) : PageModel
{
    public ReturnDetails Details { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Details = await returns.GetDetailsAsync(HttpContext.ReturnAccess().Return, HttpContext.RequestAborted);
}
