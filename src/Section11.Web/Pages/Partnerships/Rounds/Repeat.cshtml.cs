using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

/// <summary>Repeat a round two years on, in one step: the new round is set up, not launched.</summary>
[AdministersPartnership]
public class RepeatModel(RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public int? FrameworkVersionId { get; set; }

    [BindProperty]
    public DateForm OpensOn { get; set; } = new();

    [BindProperty]
    public DateForm DueOn { get; set; } = new();

    public RepeatProposal Proposal { get; private set; } = null!;

    private async Task LoadAsync(int roundId) =>
        Proposal = (await rounds.GetRepeatProposalAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;

    public async Task OnGetAsync(int roundId)
    {
        await LoadAsync(roundId);
        (Title, FrameworkVersionId) = (Proposal.Title, Proposal.Round.FrameworkVersionId);
        (OpensOn, DueOn) = (Form(Proposal.OpensOn), Form(Proposal.DueOn));
    }

    private static DateForm Form(DateOnly date) => new()
    {
        Day = date.Day.ToString(CultureInfo.InvariantCulture),
        Month = date.Month.ToString(CultureInfo.InvariantCulture),
        Year = date.Year.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var input = new RoundInput(Title, FrameworkVersionId, OpensOn.ToInput(), DueOn.ToInput());
        var (newRoundId, errors) = await rounds.RepeatAsync(roundId, input, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            await LoadAsync(roundId);
            this.AddErrors(errors);
            return Page();
        }

        TempData[RoundModel.ConfirmationKey] = $"{Title!.Trim()} has been set up: check it and launch it";
        return Redirect(Links.RoundLaunch(HttpContext.PartnershipAccess().Partnership.Id, newRoundId!.Value));
    }
}
