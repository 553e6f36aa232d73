using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.SignIn;

[AllowAnonymous]
public class IndexModel(SignInManager<ApplicationUser> signIn, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorFor(string key) => ModelState.ErrorFor(key);

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

        var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Sign-in succeeded for {Email}", Email.Trim());
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        logger.LogWarning("Sign-in failed for {Email}: {Reason}", Email.Trim(), result.IsLockedOut ? "locked out" : "wrong email or password");
        ModelState.AddModelError(nameof(Email), result.IsLockedOut
            ? "Your account is locked after too many attempts. Try again in 15 minutes."
            : "Enter a correct email address and password");
        return Page();
    }
}
