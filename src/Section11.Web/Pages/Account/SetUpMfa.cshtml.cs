using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

/// <summary>Every account must have an authenticator app. Set up at first sign-in; then the recovery codes, once.</summary>
[AllowWithoutMfa]
public class SetUpMfaModel(UserManager<ApplicationUser> users, MfaService mfa, MfaSignIn signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public AuthenticatorSetup Setup { get; private set; } = null!;


    public async Task<IActionResult> OnGetAsync()
    {
        if (await UserAsync() is not { } user)
        {
            return await AlreadySetUpAsync();
        }

        Setup = await mfa.GetSetupAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await UserAsync() is not { } user)
        {
            return await AlreadySetUpAsync();
        }

        var result = await mfa.EnableAsync(user, Code);
        if (result.Errors.Count > 0)
        {
            this.AddErrors(result.Errors);
            Setup = await mfa.GetSetupAsync(user);
            return Page();
        }

        await signIn.SignInWithMfaAsync(user);
        RecoveryCodesModel.Keep(TempData, result.RecoveryCodes);
        return Redirect(Links.RecoveryCodes(ReturnUrl));
    }

    /// <summary>The signed-in person, while they have no app yet.</summary>
    private async Task<ApplicationUser?> UserAsync() =>
        await users.GetUserAsync(User) is { } user && !await users.GetTwoFactorEnabledAsync(user) ? user : null;

    /// <summary>
    /// An account that has an app keeps it: this page must never show a new key to a session that has not used the
    /// app, or a stolen password would be enough to take the account.
    /// </summary>
    private async Task<IActionResult> AlreadySetUpAsync()
    {
        if (MfaSignIn.HasCompletedMfa(User))
        {
            return Redirect(Links.YourAccount());
        }

        await signIn.SignOutAsync(everywhere: false);
        return Redirect(Links.SignIn());
    }
}
