using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.SignIn;

/// <summary>The second step: the code from the authenticator app.</summary>
[AllowAnonymous]
[AllowWithoutMfa]
public class CodeModel(MfaSignIn signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }


    public async Task<IActionResult> OnGetAsync() =>
        await signIn.PendingUserAsync() is null ? IndexModel.Next(this, new SignInOutcome(SignInStep.StartAgain), ReturnUrl, nameof(Code)) : Page();

    public async Task<IActionResult> OnPostAsync() =>
        IndexModel.Next(this, await signIn.CodeAsync(Code), ReturnUrl, nameof(Code));
}
