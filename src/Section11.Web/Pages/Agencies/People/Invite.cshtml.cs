using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.People;

/// <summary>The agency's lead gives someone an agency role: a new person is invited, an existing account is asked.</summary>
[LeadsAgency]
public class InviteModel(PeopleService people, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var agencyId = HttpContext.AgencyAccess().Agency.Id;
        var (added, errors) = await people.InviteToAgencyAsync(agencyId, Email, DisplayName, Role, users.GetUserId(User)!,
            $"{Request.Scheme}://{Request.Host}", HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = InviteConfirmation.For(added!);
        return Redirect(Links.AgencyPeople(agencyId));
    }
}
