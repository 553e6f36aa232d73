using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.SignIn;

/// <summary>Sign-in with the configured OpenID Connect provider: away to it, and back.</summary>
[AllowAnonymous]
[AllowWithoutMfa]
public class ExternalModel(SignInManager<ApplicationUser> signInManager, MfaSignIn signIn, OpenIdConnectSettings oidc) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string ProviderName => oidc.DisplayName;

    public string? Problem { get; private set; }

    public IActionResult OnGet() => Redirect(Links.SignIn());

    public IActionResult OnPost()
    {
        if (!oidc.IsConfigured)
        {
            return NotFound();
        }

        var back = Links.SignInExternalCallback(ReturnUrl);
        return Challenge(signInManager.ConfigureExternalAuthenticationProperties(OpenIdConnectSettings.Scheme, back), OpenIdConnectSettings.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync()
    {
        if (!oidc.IsConfigured)
        {
            return NotFound();
        }

        var outcome = await signIn.ExternalAsync(oidc.EmailsAreVerified, oidc.DisplayName);
        if (outcome.Step is SignInStep.Failed or SignInStep.LockedOut)
        {
            Problem = outcome.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        return IndexModel.Next(this, outcome, ReturnUrl, "");
    }
}
