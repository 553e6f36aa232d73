using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

[AllowAnonymous]
[AllowWithoutMfa]
public class ForgotPasswordSentModel(IOptions<AccountOptions> options) : PageModel
{
    public string? Email { get; private set; }

    public int Hours => options.Value.PasswordResetHours;

    public void OnGet() => Email = TempData[ForgotPasswordModel.EmailKey] as string;
}
