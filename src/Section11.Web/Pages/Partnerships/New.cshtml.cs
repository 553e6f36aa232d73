using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

[PlatformAdministrator]
public class NewModel(PartnershipService partnerships, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (id, errors) = await partnerships.CreateAsync(Name, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        return Redirect(Links.Partnership(id!.Value));
    }
}
