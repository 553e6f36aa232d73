using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.MembershipRequests;

/// <summary>One partnership's request to count the agency among its members: accept or decline.</summary>
[LeadsAgency(OrPlatformAdministrator = true)]
public class MembershipRequestModel(MembershipService memberships, UserManager<ApplicationUser> users) : PageModel
{
    public MembershipRequestView Asked { get; private set; } = null!;

    [BindProperty]
    public string? Decision { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync(int requestId) =>
        Asked = (await memberships.GetAsync(HttpContext.AgencyAccess().Agency.Id, requestId, HttpContext.RequestAborted))!;

    public async Task<IActionResult> OnPostAsync(int requestId)
    {
        var agencyId = HttpContext.AgencyAccess().Agency.Id;
        var errors = await memberships.DecideAsync(agencyId, requestId, Decision, users.GetUserId(User)!, HttpContext.RequestAborted);
        Asked = (await memberships.GetAsync(agencyId, requestId, HttpContext.RequestAborted))!;
        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = Asked.Outcome == RequestOutcome.Accepted
            ? $"{Asked.PartnershipName} now counts {Asked.AgencyName} among its member agencies"
            : $"You declined {Wording.Possessive(Asked.PartnershipName)} request";
        return Redirect(Links.MembershipRequest(agencyId, requestId));
    }
}
