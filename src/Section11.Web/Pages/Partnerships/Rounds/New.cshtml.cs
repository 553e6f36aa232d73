using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds;

[AdministersPartnership]
public class NewModel(RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public int? FrameworkVersionId { get; set; }

    [BindProperty]
    public DateForm OpensOn { get; set; } = new();

    [BindProperty]
    public DateForm DueOn { get; set; } = new();

    public IReadOnlyList<FrameworkChoice> Frameworks { get; private set; } = [];

    public async Task OnGetAsync() => Frameworks = await rounds.GetFrameworksAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var partnershipId = HttpContext.PartnershipAccess().Partnership.Id;
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var input = new RoundInput(Title, FrameworkVersionId, OpensOn.ToInput(), DueOn.ToInput());
        var (roundId, errors) = await rounds.CreateAsync(partnershipId, input, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            Frameworks = await rounds.GetFrameworksAsync(HttpContext.RequestAborted);
            this.AddErrors(errors);
            return Page();
        }

        var next = await rounds.NextSetUpStepAsync(roundId!.Value, HttpContext.RequestAborted);
        return Redirect(next == RoundSetUpStep.LocalItems ? Links.RoundLocalItems(partnershipId, roundId.Value) : Links.RoundLaunch(partnershipId, roundId.Value));
    }
}
