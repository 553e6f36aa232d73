using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Agencies;

public class IndexModel(PartnershipService partnerships, MembershipService memberships) : PageModel
{
    public const string ConfirmationKey = "Confirmation";

    [Microsoft.AspNetCore.Mvc.TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>Agencies asked to join that have not accepted: only their names are shown.</summary>
    public IReadOnlyList<MembershipRequestView> Requests { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var id = HttpContext.PartnershipAccess().Partnership.Id;
        Agencies = await partnerships.GetAgenciesAsync(id, HttpContext.RequestAborted);
        Requests = await memberships.GetForPartnershipAsync(id, HttpContext.RequestAborted);
    }
}
