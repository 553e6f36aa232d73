using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;
using Section11.Core.Identity;

namespace Section11.Web.Pages.Accounts;

/// <summary>Lets a deactivated account sign in again, with the roles it had.</summary>
public class ReactivateModel(AccountAdministration accounts, UserManager<ApplicationUser> users) : PageModel
{
    public AccountListing Account { get; private set; } = null!;

    [TempData]
    public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync(string userId)
    {
        if (await accounts.FindAsync(userId, HttpContext.RequestAborted) is not { } details)
        {
            return NotFound();
        }

        Account = details.Account;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string userId)
    {
        var result = await accounts.ReactivateAsync(userId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (result.Outcome == AccountChange.NotFound)
        {
            return NotFound();
        }

        Confirmation = "The account has been reactivated: the person can sign in again";
        return Redirect(Links.Account(userId));
    }
}
