using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

public class ReturnModel(ReturnService returns) : PageModel
{
    public ReturnOverview Overview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var access = HttpContext.ReturnAccess();
        if (!access.Can(ReturnAction.Edit))
        {
            return Redirect(Links.ViewReturn(access.Return.Id));
        }

        Overview = await returns.GetOverviewAsync(access.Return, HttpContext.RequestAborted);
        return Page();
    }
}
