using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Review.Panels;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Panels;

/// <summary>The administrator schedules a panel: title, date, where, members and the agencies to be seen.</summary>
[AdministersPartnership]
public class NewModel(PanelService panels, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public DateForm HeldOn { get; set; } = new();

    [BindProperty]
    public string? Place { get; set; }

    [BindProperty]
    public List<string> MemberIds { get; set; } = [];

    [BindProperty]
    public List<string> ReceiptIds { get; set; } = [];

    public PanelChoices Choices { get; private set; } = null!;

    public int RoundId { get; private set; }

    public async Task OnGetAsync(int roundId) => (Choices, RoundId) = (await panels.GetChoicesAsync(roundId, HttpContext.RequestAborted), roundId);

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        // A value that is not a number is no receipt the page offered: -1 is refused as such.
        var receipts = ReceiptIds.Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        var (id, errors) = await panels.ScheduleAsync(roundId, new(Title, HeldOn.ToInput(), Place, MemberIds, receipts), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (id is null)
        {
            await OnGetAsync(roundId);
            this.AddErrors(errors);
            return Page();
        }

        TempData[PanelModel.ConfirmationKey] = "The challenge panel has been scheduled";
        return Redirect(Links.Panel(HttpContext.PartnershipAccess().Partnership.Id, roundId, id.Value));
    }
}
