using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies;

/// <summary>The agency's details and, for its own people, the partnerships it belongs to.</summary>
public class AgencyModel(AgencyService agencies, UserManager<ApplicationUser> users) : PageModel
{
    public AgencyDetails Details { get; private set; } = null!;

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync() =>
        Details = (await agencies.GetDetailsAsync(HttpContext.AgencyAccess().Agency.Id, users.GetUserId(User)!, HttpContext.RequestAborted))!;
}
