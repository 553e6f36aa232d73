using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Api;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.ApiTokens;

[AdministersPartnership]
public class IndexModel(ApiTokenService tokens) : PageModel
{
    public IReadOnlyList<ApiTokenListing> Tokens { get; private set; } = [];

    /// <summary>Names the token just revoked; never a secret.</summary>
    [TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync() =>
        Tokens = await tokens.ListAsync(HttpContext.PartnershipAccess().Partnership.Id, HttpContext.RequestAborted);
}
