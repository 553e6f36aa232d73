using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Agencies;

/// <summary>Confirms, then takes an agency out of the partnership; rounds already launched keep what it sent.</summary>
[AdministersPartnership]
public class RemoveModel(AgencyService agencies, UserManager<ApplicationUser> users) : PageModel
{
    public AgencyDetails Details { get; private set; } = null!;

    [TempData(Key = IndexModel.ConfirmationKey)]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync(int agencyId) =>
        Details = (await agencies.GetDetailsAsync(agencyId, users.GetUserId(User)!, HttpContext.RequestAborted))!;

    public async Task<IActionResult> OnPostAsync(int agencyId)
    {
        var partnershipId = HttpContext.PartnershipAccess().Partnership.Id;
        var errors = await agencies.RemoveFromPartnershipAsync(partnershipId, agencyId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors is null)
        {
            return NotFound();
        }

        Details = (await agencies.GetDetailsAsync(agencyId, users.GetUserId(User)!, HttpContext.RequestAborted))!;
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = $"{Details.Agency.Name} is no longer a member of {HttpContext.PartnershipAccess().Partnership.Name}";
        return Redirect(Links.PartnershipAgencies(partnershipId));
    }
}
