using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Accounts;

/// <summary>A person has left: their account stops signing in and every session of theirs ends at once.</summary>
public class DeactivateModel(AccountAdministration accounts, UserManager<ApplicationUser> users) : PageModel
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
        var result = await accounts.DeactivateAsync(userId, users.GetUserId(User)!, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case AccountChange.NotFound:
                return NotFound();
            case AccountChange.Refused:
                this.AddErrors(result.Errors);
                return await OnGetAsync(userId);
            default:
                Confirmation = "The account has been deactivated and signed out everywhere";
                return Redirect(Links.Account(userId));
        }
    }
}
