using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Member agencies join a launched round: each gets a receipt as at launch.</summary>
[AdministersPartnership]
public class AddAgenciesModel(RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public List<int> AgencyIds { get; set; } = [];

    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    private async Task LoadAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        Agencies = await rounds.GetAgenciesToAddAsync(roundId, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetAsync(int roundId)
    {
        await LoadAsync(roundId);
        return Round.LaunchedAt is null || Round.IsClosed ? Redirect(Links.Round(Round.PartnershipId, roundId)) : Page();
    }

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var errors = await rounds.AddAgenciesAsync(roundId, AgencyIds, users.GetUserId(User)!, HttpContext.RequestAborted);
        await LoadAsync(roundId);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        var added = AgencyIds.Distinct().Count();
        TempData[RoundModel.ConfirmationKey] = added == 1 ? "1 agency has been added to the round" : $"{added} agencies have been added to the round";
        return Redirect(Links.Round(Round.PartnershipId, roundId));
    }
}
