using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Agencies;

[AdministersPartnership]
public class NewModel(PartnershipService partnerships, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Sector { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = HttpContext.PartnershipAccess().Partnership.Id;
        var (added, errors) = await partnerships.AddAgencyAsync(id, Name, Sector, users.GetUserId(User)!, $"{Request.Scheme}://{Request.Host}", HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = added == PartnershipService.AgencyAdded.Requested
            ? $"{Name!.Trim()} already uses this service, so we have asked it to join the partnership. It becomes a member once its safeguarding lead accepts."
            : $"{Name!.Trim()} has been added";
        return Redirect(Links.PartnershipAgencies(id));
    }
}
