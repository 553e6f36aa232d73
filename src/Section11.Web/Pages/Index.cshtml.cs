using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;

namespace Section11.Web.Pages;

[AllowAnonymous]
public class IndexModel(ReturnService returns, SharingService sharing, PartnershipService partnerships, UserManager<ApplicationUser> users) : PageModel
{
    /// <summary>Null when nobody is signed in: the start page is shown instead.</summary>
    public IReadOnlyList<MyReturn>? Returns { get; private set; }

    /// <summary>Partnerships' requests for a return, waiting for the lead to choose what to send.</summary>
    public IReadOnlyList<ReturnRequest> Requests { get; private set; } = [];

    /// <summary>The partnerships the person administers or reviews, so their home page leads to each.</summary>
    public IReadOnlyList<PartnershipListing> Partnerships { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (users.GetUserId(User) is { } userId)
        {
            Returns = await returns.GetReturnsForUserAsync(userId, HttpContext.RequestAborted);
            Requests = await sharing.GetRequestsAsync(userId, HttpContext.RequestAborted);
            Partnerships = await partnerships.GetHeldByAsync(userId, HttpContext.RequestAborted);
        }
    }
}
