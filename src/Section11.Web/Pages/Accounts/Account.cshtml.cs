using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;

namespace Section11.Web.Pages.Accounts;

public class AccountModel(AccountAdministration accounts) : PageModel
{
    public AccountDetails Details { get; private set; } = null!;

    [TempData]
    public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync(string userId)
    {
        if (await accounts.FindAsync(userId, HttpContext.RequestAborted) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        return Page();
    }
}
