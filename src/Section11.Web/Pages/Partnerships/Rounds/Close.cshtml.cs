using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>The administrator closes a launched round, in one step after this confirmation.</summary>
[AdministersPartnership]
public class CloseModel(RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;

    private async Task LoadAsync(int roundId) =>
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;

    public async Task<IActionResult> OnGetAsync(int roundId)
    {
        await LoadAsync(roundId);
        return Round.LaunchedAt is null || Round.IsClosed ? Redirect(Links.Round(Round.PartnershipId, roundId)) : Page();
    }

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        var errors = await rounds.CloseAsync(roundId, users.GetUserId(User)!, HttpContext.RequestAborted);
        await LoadAsync(roundId);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData[RoundModel.ConfirmationKey] = $"{Round.Title} has been closed";
        return Redirect(Links.Round(Round.PartnershipId, roundId));
    }
}
