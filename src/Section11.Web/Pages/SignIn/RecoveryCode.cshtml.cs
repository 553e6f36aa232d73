using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.SignIn;

/// <summary>The second step without the app: one of the recovery codes shown when the app was set up. Each works once.</summary>
[AllowAnonymous]
[AllowWithoutMfa]
public class RecoveryCodeModel(MfaSignIn signIn) : PageModel
{
    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }


    public async Task<IActionResult> OnGetAsync() =>
        await signIn.PendingUserAsync() is null ? IndexModel.Next(this, new SignInOutcome(SignInStep.StartAgain), ReturnUrl, nameof(RecoveryCode)) : Page();

    public async Task<IActionResult> OnPostAsync() =>
        IndexModel.Next(this, await signIn.RecoveryCodeAsync(RecoveryCode), ReturnUrl, nameof(RecoveryCode));
}
