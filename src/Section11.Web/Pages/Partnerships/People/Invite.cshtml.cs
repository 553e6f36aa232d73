using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.People;

[AdministersPartnership]
public class InviteModel(PartnershipService partnerships, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public int? AgencyId { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>The fields in page order: the error summary lists problems in this order, whatever order they were found in.</summary>
    private static readonly string[] FieldOrder = [nameof(DisplayName), nameof(Email), nameof(Role), nameof(AgencyId)];

    /// <summary>
    /// Only member agencies with no lead yet: once an agency has a lead, its roles are the lead's to give. Coming from the
    /// launch's warning (<c>?agencyId=</c>), that agency and the lead's role are chosen already.
    /// </summary>
    public async Task OnGetAsync(int? agencyId)
    {
        Agencies = await partnerships.GetAgenciesWithoutLeadAsync(HttpContext.PartnershipAccess().Partnership.Id, HttpContext.RequestAborted);
        if (agencyId is { } id && Agencies.Any(a => a.Id == id))
        {
            (AgencyId, Role) = (id, Section11.Core.Identity.Role.AgencyLead.ToString());
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var partnershipId = HttpContext.PartnershipAccess().Partnership.Id;
        var (added, errors) = await partnerships.AddPersonAsync(partnershipId, Email, DisplayName, Role, AgencyId, users.GetUserId(User)!,
            $"{Request.Scheme}://{Request.Host}", HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            Agencies = await partnerships.GetAgenciesWithoutLeadAsync(partnershipId, HttpContext.RequestAborted);
            this.AddErrors(errors.OrderBy(e => Array.IndexOf(FieldOrder, e.Key)));
            return Page();
        }

        Confirmation = InviteConfirmation.For(added!);
        return Redirect(Links.PartnershipPeople(partnershipId));
    }
}
