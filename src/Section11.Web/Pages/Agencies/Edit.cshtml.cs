using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies;

/// <summary>Changes the agency's name, sector and contact: its lead, or its only partnership while it has no lead.</summary>
[EditsAgency]
public class EditModel(AgencyService agencies, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Sector { get; set; }

    [BindProperty]
    public string? ContactName { get; set; }

    [BindProperty]
    public string? ContactEmail { get; set; }

    [BindProperty]
    public string? ContactPhone { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public void OnGet()
    {
        var a = HttpContext.AgencyAccess().Agency;
        (Name, Sector, ContactName, ContactEmail, ContactPhone) = (a.Name, a.Sector.ToString(), a.ContactName, a.ContactEmail, a.ContactPhone);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = HttpContext.AgencyAccess().Agency.Id;
        var errors = await agencies.UpdateAsync(id, new AgencyInput(Name, Sector, ContactName, ContactEmail, ContactPhone), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = "The agency's details have been saved";
        return Redirect(Links.Agency(id));
    }
}
