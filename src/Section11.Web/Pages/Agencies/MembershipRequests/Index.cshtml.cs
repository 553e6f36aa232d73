using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.MembershipRequests;

/// <summary>Partnerships that have asked the agency to join them: the agency's lead (or a platform administrator) answers.</summary>
[LeadsAgency(OrPlatformAdministrator = true)]
public class IndexModel(MembershipService memberships) : PageModel
{
    public IReadOnlyList<MembershipRequestView> Requests { get; private set; } = [];

    public async Task OnGetAsync() =>
        Requests = await memberships.GetForAgencyAsync(HttpContext.AgencyAccess().Agency.Id, HttpContext.RequestAborted);
}
