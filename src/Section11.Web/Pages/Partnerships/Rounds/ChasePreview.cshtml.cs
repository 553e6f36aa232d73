using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>The chase as it will be sent, and the button that sends it.</summary>
[AdministersPartnership]
public class ChasePreviewModel(RoundService rounds, NotificationService notifications, IOptions<AccountOptions> accounts, UserManager<ApplicationUser> users) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public ChasePreview? Preview { get; private set; }
    public int? AgencyId { get; private set; }

    private async Task LoadAsync(int roundId, int? agencyId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        AgencyId = agencyId;
        Preview = await notifications.PreviewChaseAsync(roundId, agencyId, accounts.Value.LinkBase(null), HttpContext.RequestAborted);
    }

    public async Task OnGetAsync(int roundId, int? agencyId) => await LoadAsync(roundId, agencyId);

    public async Task<IActionResult> OnPostAsync(int roundId, int? agencyId)
    {
        await LoadAsync(roundId, agencyId);
        var (agencies, people) = await notifications.ChaseAsync(roundId, agencyId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (agencies == 0)
        {
            this.AddErrors([new("", "There is nobody left to chase: every agency you chose has submitted its return.")]);
            return Page();
        }

        TempData[RoundModel.ConfirmationKey] =
            $"Chase sent to {(agencies == 1 ? Preview!.Agencies[0].AgencyName : $"{agencies} agencies")}: {people} {(people == 1 ? "person" : "people")} emailed";
        return Redirect(Links.Round(Round.PartnershipId, roundId));
    }
}
