using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.People;

/// <summary>Confirms, then removes a partnership role (a leaver): it stops working at once.</summary>
[AdministersPartnership]
public class RemoveModel(PeopleService people, UserManager<ApplicationUser> users) : PageModel
{
    public PersonRole Person { get; private set; } = null!;

    [TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync(int roleId) =>
        Person = (await people.GetRoleAsync(roleId, HttpContext.RequestAborted))!;

    public async Task<IActionResult> OnPostAsync(int roleId)
    {
        var partnershipId = HttpContext.PartnershipAccess().Partnership.Id;
        Person = (await people.GetRoleAsync(roleId, HttpContext.RequestAborted))!;
        var errors = await people.RemoveAsync(roleId, null, partnershipId, users.GetUserId(User)!, HttpContext.RequestAborted);
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
        return Redirect(Links.PartnershipPeople(partnershipId));
    }
}
