using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

public class PartnershipModel(RoundService rounds) : PageModel
{
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rounds = await rounds.GetRoundsAsync(HttpContext.PartnershipAccess().Partnership.Id, HttpContext.RequestAborted);
}
