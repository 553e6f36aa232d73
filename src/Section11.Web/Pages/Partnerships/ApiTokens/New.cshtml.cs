using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Api;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.ApiTokens;

[AdministersPartnership]
public class NewModel(ApiTokenService tokens, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>
    /// Set only in the response to the POST that issued it: the secret is shown in this one page and is in no URL,
    /// cookie or later response (pages are never cached).
    /// </summary>
    public IssuedApiToken? Issued { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (issued, errors) = await tokens.IssueAsync(HttpContext.PartnershipAccess().Partnership.Id, Name, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        Issued = issued;
        return Page();
    }
}
