using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Errors;

/// <summary>What a request over plain http gets outside Development (see <see cref="HttpsOnlyMiddleware"/>), instead of a 500.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class HttpsRequiredModel(IOptions<AccountOptions> accounts) : PageModel
{
    public string Address { get; private set; } = "";

    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Address = HttpContext.Items[HttpsOnlyMiddleware.AddressItem] as string ?? accounts.Value.LinkBase(null) + "/";
    }
}
