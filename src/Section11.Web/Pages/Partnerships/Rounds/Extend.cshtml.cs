using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Section11.Core;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

[AdministersPartnership]
public class ExtendModel(RoundService rounds, ReturnService returns, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public DateForm DueOn { get; set; } = new();

    public int RoundId { get; private set; }
    public string AgencyName { get; private set; } = "";
    public DateOnly CurrentDueOn { get; private set; }
    public string RoundTitle { get; private set; } = "";

    /// <summary>When the round closed, if it has: its dates are final, so the page says so instead of offering the form.</summary>
    public DateTime? RoundClosedAt { get; private set; }

    private async Task LoadAsync(int roundId, int returnId)
    {
        var summary = (await returns.GetSummaryAsync(returnId, HttpContext.RequestAborted))!;
        var receipt = summary.ReceiptFor(roundId)!;
        (RoundId, AgencyName, CurrentDueOn) = (roundId, summary.AgencyName, receipt.DueOn);
        (RoundTitle, RoundClosedAt) = (receipt.RoundTitle, receipt.RoundClosedAt);
    }

    public async Task OnGetAsync(int roundId, int returnId) => await LoadAsync(roundId, returnId);

    public async Task<IActionResult> OnPostAsync(int roundId, int returnId)
    {
        await LoadAsync(roundId, returnId);
        var errors = await rounds.ExtendAsync(roundId, returnId, DueOn.ToInput(), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData[RoundModel.ConfirmationKey] = $"{Wording.Possessive(AgencyName)} return-by date has been extended";
        return Redirect(Links.Round(HttpContext.PartnershipAccess().Partnership.Id, roundId));
    }
}
