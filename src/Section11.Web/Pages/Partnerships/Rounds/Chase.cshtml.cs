using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Notifications;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Chase: choose one agency, or every agency that has not submitted; the next page previews and sends.</summary>
[AdministersPartnership]
public class ChaseModel(RoundService rounds, NotificationService notifications) : PageModel
{
    [BindProperty]
    public string? To { get; set; }

    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<ChaseChoice> Choices { get; private set; } = [];

    private async Task LoadAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        Choices = await notifications.GetChaseChoicesAsync(roundId, HttpContext.RequestAborted);
    }

    public async Task OnGetAsync(int roundId, int? agencyId)
    {
        await LoadAsync(roundId);
        To = agencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? To;
    }

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        await LoadAsync(roundId);
        var (agencyId, error) = NotificationService.CheckChoice(To, Choices);
        if (error is not null)
        {
            this.AddErrors([error]);
            return Page();
        }

        return Redirect(Links.ChasePreview(Round.PartnershipId, roundId, agencyId));
    }
}
