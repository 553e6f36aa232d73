using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;

namespace Section11.Web.Pages.Partnerships;

public class IndexModel(PartnershipService partnerships, UserManager<ApplicationUser> users) : PageModel
{
    public IReadOnlyList<PartnershipListing> Partnerships { get; private set; } = [];
    public bool IsPlatformAdministrator { get; private set; }

    public async Task OnGetAsync()
    {
        Partnerships = await partnerships.GetForUserAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        IsPlatformAdministrator = await partnerships.IsPlatformAdministratorAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
    }
}
