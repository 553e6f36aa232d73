using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

public class ChangePasswordModel(UserManager<ApplicationUser> users, PasswordService passwords, MfaSignIn signIn) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }


    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await passwords.ChangeAsync(users.GetUserId(User)!, CurrentPassword, Password, ConfirmPassword);
        if (!result.Succeeded)
        {
            this.AddErrors(result.Errors);
            return Page();
        }

        // The password change gave the account a new security stamp: this session carries on, other sessions end.
        await signIn.RefreshAsync(result.User!);
        TempData[IndexModel.NoticeKey] = "Your password has been changed";
        return Redirect(Links.YourAccount());
    }
}
