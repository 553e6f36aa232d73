using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Home;
using Section11.Core.Identity;

namespace Section11.Web.Pages;

[AllowAnonymous]
public class IndexModel(HomeService home, UserManager<ApplicationUser> users) : PageModel
{
    /// <summary>Null when nobody is signed in: the start page is shown instead.</summary>
    public HomeView? Home { get; private set; }

    public async Task OnGetAsync()
    {
        if (users.GetUserId(User) is { } userId)
        {
            Home = await home.GetHomeAsync(userId, HttpContext.RequestAborted);
        }
    }
}
