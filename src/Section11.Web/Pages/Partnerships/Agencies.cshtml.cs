using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

public class AgenciesModel(PartnershipService partnerships) : PageModel
{
    public const string ConfirmationKey = "Confirmation";

    [Microsoft.AspNetCore.Mvc.TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync() =>
        Agencies = await partnerships.GetAgenciesAsync(HttpContext.PartnershipAccess().Partnership.Id, HttpContext.RequestAborted);
}
