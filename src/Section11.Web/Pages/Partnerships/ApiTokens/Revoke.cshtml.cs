using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Api;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.ApiTokens;

[AdministersPartnership]
public class RevokeModel(ApiTokenService tokens, UserManager<ApplicationUser> users) : PageModel
{
    public ApiTokenListing Token { get; private set; } = null!;

    [TempData]
    public string? Confirmation { get; set; }

    /// <summary>Another partnership's token answers 404, as one that does not exist.</summary>
    public async Task<IActionResult> OnGetAsync(int tokenId)
    {
        var token = await tokens.GetAsync(HttpContext.PartnershipAccess().Partnership.Id, tokenId, HttpContext.RequestAborted);
        if (token is null)
        {
            return NotFound();
        }

        Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int tokenId)
    {
        var pid = HttpContext.PartnershipAccess().Partnership.Id;
        var token = await tokens.GetAsync(pid, tokenId, HttpContext.RequestAborted);
        if (token is null || !await tokens.RevokeAsync(pid, tokenId, users.GetUserId(User)!, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        Confirmation = $"{token.Name} has been revoked";
        return Redirect(Links.ApiTokens(pid));
    }
}
