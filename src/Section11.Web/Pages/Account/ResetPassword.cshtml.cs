using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

/// <summary>The link in a password reset email.</summary>
[AllowAnonymous]
[AllowWithoutMfa]
public class ResetPasswordModel(PasswordService passwords) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool LinkIsValid { get; private set; } = true;


    public async Task<IActionResult> OnGetAsync() => Show(await passwords.IsResetLinkValidAsync(UserId, Token));

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await passwords.ResetAsync(UserId, Token, Password, ConfirmPassword);
        if (result.Errors.Any(e => e.Key == ""))
        {
            return Show(false);
        }

        if (!result.Succeeded)
        {
            this.AddErrors(result.Errors);
            return Page();
        }

        return Redirect(Links.ResetPasswordDone());
    }

    private PageResult Show(bool valid)
    {
        LinkIsValid = valid;
        if (!valid)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }
}
