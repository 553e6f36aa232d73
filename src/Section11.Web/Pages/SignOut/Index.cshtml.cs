using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.SignOut;

[AllowAnonymous]
[AllowWithoutMfa]
public class IndexModel(MfaSignIn signIn) : PageModel
{
    /// <summary>Set after "sign out everywhere", to say the other sessions end too.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Everywhere { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(everywhere: false);
        return RedirectToPage();
    }
}
