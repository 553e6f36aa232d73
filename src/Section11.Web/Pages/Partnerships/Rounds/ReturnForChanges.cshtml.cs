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
public class ReturnForChangesModel(RoundService rounds, ReturnService returns, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public int RoundId { get; private set; }
    public string AgencyName { get; private set; } = "";
    public string RoundTitle { get; private set; } = "";

    /// <summary>When the round closed, if it has: nothing can be sent back, so the page says so instead of offering the form.</summary>
    public DateTime? RoundClosedAt { get; private set; }

    private async Task LoadAsync(int roundId, int returnId)
    {
        RoundId = roundId;
        var summary = (await returns.GetSummaryAsync(returnId, HttpContext.RequestAborted))!;
        var receipt = summary.ReceiptFor(roundId)!;
        (AgencyName, RoundTitle, RoundClosedAt) = (summary.AgencyName, receipt.RoundTitle, receipt.RoundClosedAt);
    }

    public async Task OnGetAsync(int roundId, int returnId) => await LoadAsync(roundId, returnId);

    public async Task<IActionResult> OnPostAsync(int roundId, int returnId)
    {
        await LoadAsync(roundId, returnId);
        var errors = await rounds.ReturnForChangesAsync(roundId, returnId, Reason, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData[RoundModel.ConfirmationKey] = $"{Wording.Possessive(AgencyName)} return has been returned for changes";
        return Redirect(Links.Round(HttpContext.PartnershipAccess().Partnership.Id, roundId));
    }
}
