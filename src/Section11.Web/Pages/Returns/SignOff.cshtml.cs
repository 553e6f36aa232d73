using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

[Requires(ReturnRequirement.SignOff)]
public class SignOffModel(ReturnService returns, UserManager<ApplicationUser> users, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? SignatoryName { get; set; }

    [BindProperty]
    public string? PostHeld { get; set; }

    [BindProperty]
    public string? Organisation { get; set; }

    [BindProperty]
    public DateForm SignedOn { get; set; } = new();

    [BindProperty]
    public bool DeclarationAccepted { get; set; }

    public int ReturnId { get; private set; }
    public string AgencyName { get; private set; } = "";
    public DeclarationDefinition Declaration { get; private set; } = null!;


    private async Task LoadAsync()
    {
        var summary = HttpContext.ReturnAccess().Return;
        ReturnId = summary.Id;
        AgencyName = summary.AgencyName;
        Declaration = (await returns.GetFrameworkAsync(summary, HttpContext.RequestAborted)).Definition.Declaration;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Organisation = AgencyName;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        SignedOn = new DateForm { Day = today.Day.ToString(), Month = today.Month.ToString(), Year = today.Year.ToString() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var input = new SignOffInput(SignatoryName, PostHeld, Organisation, SignedOn.ToInput(), DeclarationAccepted);
        var errors = await returns.SubmitAsync(ReturnId, input, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        return Redirect(Links.Confirmation(ReturnId));
    }
}
