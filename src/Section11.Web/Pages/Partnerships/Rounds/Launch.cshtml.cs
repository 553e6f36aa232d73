using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

[AdministersPartnership]
public class LaunchModel(RoundService rounds, PartnershipService partnerships, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public List<int> AgencyIds { get; set; } = [];

    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public bool HasLocalStandard { get; private set; }
    public int LocalItemCount { get; private set; }

    /// <summary>Member agencies with no active lead: launched to, their returns wait until a lead accepts.</summary>
    public IReadOnlyList<Agency> WithoutLead { get; private set; } = [];

    private async Task LoadAsync(int roundId)
    {
        var partnershipId = HttpContext.PartnershipAccess().Partnership.Id;
        Round = (await rounds.GetRoundAsync(partnershipId, roundId, HttpContext.RequestAborted))!;
        Agencies = await partnerships.GetAgenciesAsync(partnershipId, HttpContext.RequestAborted);
        WithoutLead = await partnerships.GetAgenciesWithoutLeadAsync(partnershipId, HttpContext.RequestAborted);
        var (standard, items) = await rounds.GetLocalItemsAsync(roundId, HttpContext.RequestAborted);
        HasLocalStandard = standard is not null;
        LocalItemCount = items.Count;
    }

    public async Task<IActionResult> OnGetAsync(int roundId)
    {
        await LoadAsync(roundId);
        if (Round.LaunchedAt is not null)
        {
            return Redirect(Links.Round(Round.PartnershipId, roundId));
        }

        AgencyIds = [.. await rounds.GetLaunchAgenciesAsync(roundId, HttpContext.RequestAborted)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var errors = await rounds.LaunchAsync(roundId, AgencyIds, users.GetUserId(User)!, HttpContext.RequestAborted);
        await LoadAsync(roundId);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData[RoundModel.ConfirmationKey] = $"{Round.Title} has been launched";
        return Redirect(Links.Round(Round.PartnershipId, roundId));
    }
}
