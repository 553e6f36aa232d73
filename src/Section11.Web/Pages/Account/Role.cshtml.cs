using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

/// <summary>A role offered to this account (the link in the email): accept or decline. Anyone else's offer is 404.</summary>
public class RoleModel(PeopleService people, UserManager<ApplicationUser> users) : PageModel
{
    public PendingRole Offer { get; private set; } = null!;

    [BindProperty]
    public string? Decision { get; set; }

    private async Task<bool> LoadAsync(int grantId)
    {
        var offer = (await people.GetPendingAsync(users.GetUserId(User)!, HttpContext.RequestAborted)).FirstOrDefault(p => p.Id == grantId);
        Offer = offer!;
        return offer is not null;
    }

    public async Task<IActionResult> OnGetAsync(int grantId) => await LoadAsync(grantId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int grantId)
    {
        if (!await LoadAsync(grantId))
        {
            return NotFound();
        }

        var errors = await people.DecideAsync(users.GetUserId(User)!, grantId, Decision, HttpContext.RequestAborted);
        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData[IndexModel.NoticeKey] = Decision == "Accept"
            ? $"You are now {RoleNames.Of(Offer.Role).ToLowerInvariant()} for {Offer.ForName}"
            : $"You declined the role of {RoleNames.Of(Offer.Role).ToLowerInvariant()} for {Offer.ForName}";
        return Redirect(Links.YourAccount());
    }
}
