using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;

namespace Section11.Web.Pages.Session;

/// <summary>
/// "Stay signed in" from the idle-session warning: renews the session cookie. The warning's script posts here and
/// stays on the page; a form post without script comes back to where the person was.
/// </summary>
public class KeepAliveModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : PageModel
{
    public IActionResult OnGet() => new NoContentResult();

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : new NoContentResult();
    }
}
