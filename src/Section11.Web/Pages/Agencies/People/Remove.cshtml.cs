using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.People;

/// <summary>Confirms, then removes one of the agency's roles (a leaver): it stops working at once.</summary>
[LeadsAgency]
public class RemoveModel(PeopleService people, UserManager<ApplicationUser> users) : PageModel
{
    public PersonRole Person { get; private set; } = null!;

    [TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync(int roleId) =>
        Person = (await people.GetRoleAsync(roleId, HttpContext.RequestAborted))!;

    public async Task<IActionResult> OnPostAsync(int roleId)
    {
        var agencyId = HttpContext.AgencyAccess().Agency.Id;
        Person = (await people.GetRoleAsync(roleId, HttpContext.RequestAborted))!;
        var errors = await people.RemoveAsync(roleId, agencyId, null, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = $"{Person.DisplayName} is no longer {RoleNames.Of(Person.Role).ToLowerInvariant()}";
        return Redirect(Links.AgencyPeople(agencyId));
    }
}
