using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.SignIn;

[AllowAnonymous]
[AllowWithoutMfa]
public class IndexModel(MfaSignIn signIn, OpenIdConnectSettings oidc) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Sign in with …", when an identity provider is configured.</summary>
    public string? ProviderName => oidc.IsConfigured ? oidc.DisplayName : null;

    /// <summary>A form sent after the session ran out is waiting for this sign-in.</summary>
    public bool FormKept => KeptForms.IsWaiting(HttpContext, ReturnUrl);


    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), "Enter your email address");
        }
        else if (!Email.Contains('@', StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Email), "Enter an email address in the correct format, like name@example.com");
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "Enter your password");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await signIn.PasswordAsync(Email!.Trim(), Password!);
        return Next(this, outcome, ReturnUrl, nameof(Email));
    }

    /// <summary>Where each sign-in page goes next; shared so the steps agree.</summary>
    internal static IActionResult Next(PageModel page, SignInOutcome outcome, string? returnUrl, string errorKey)
    {
        var local = page.Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        switch (outcome.Step)
        {
            case SignInStep.SignedIn:
                return page.LocalRedirect(local);
            case SignInStep.NeedsCode:
                return new RedirectResult(Links.SignInCode(local));
            case SignInStep.NeedsSetUp:
                return new RedirectResult(Links.SetUpMfa(local));
            case SignInStep.StartAgain:
                return new RedirectResult(Links.SignIn(local));
            default:
                page.ModelState.AddModelError(errorKey, outcome.Message ?? "Sorry, you cannot sign in");
                return page.Page();
        }
    }
}
