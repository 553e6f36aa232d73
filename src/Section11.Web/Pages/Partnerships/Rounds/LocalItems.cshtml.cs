using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

[AdministersPartnership]
public class LocalItemsModel(RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    public RoundSummary Round { get; private set; } = null!;
    public Standard? Standard { get; private set; }
    public IReadOnlyList<Item> Items { get; private set; } = [];

    private async Task<bool> LoadAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        (Standard, Items) = await rounds.GetLocalItemsAsync(roundId, HttpContext.RequestAborted);
        return Standard is not null;
    }

    public async Task<IActionResult> OnGetAsync(int roundId) => await LoadAsync(roundId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        var errors = await rounds.AddLocalItemAsync(roundId, new LocalItemInput(Text, Evidence), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (!await LoadAsync(roundId))
        {
            return NotFound();
        }

        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        return Redirect(Links.RoundLocalItems(Round.PartnershipId, roundId));
    }
}
