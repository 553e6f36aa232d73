using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section11.Web.Pages.Session;

/// <summary>
/// "Stay signed in" from the idle-session warning. Reaching a signed-in page is what renews the session (every
/// request restarts the idle clock), so this only has to be a signed-in request that changes nothing.
/// </summary>
public class KeepAliveModel : PageModel
{
    public IActionResult OnGet() => new NoContentResult();

    public IActionResult OnPost() => new NoContentResult();
}
