using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>The survey's introduction, dates and "about you" questions: sets it up the first time, changes it after.</summary>
[AdministersPartnership]
public class DetailsModel(SurveyService surveys, RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Introduction { get; set; }

    [BindProperty]
    public DateForm OpensOn { get; set; } = new();

    [BindProperty]
    public DateForm ClosesOn { get; set; } = new();

    /// <summary>The "about you" questions asked: "role", "service".</summary>
    [BindProperty]
    public List<string> AboutYou { get; set; } = [];

    [BindProperty]
    public string? MinimumGroupSize { get; set; } = SurveyRules.DefaultMinimumGroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [BindProperty]
    public string? MeetsButFewAgreePercent { get; set; } = SurveyRules.DefaultMeetsButFewAgreePercent.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [BindProperty]
    public string? NotMetButAgreePercent { get; set; } = SurveyRules.DefaultNotMetButAgreePercent.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public RoundSummary Round { get; private set; } = null!;

    private async Task LoadAsync(int roundId) =>
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;

    public async Task OnGetAsync(int roundId)
    {
        await LoadAsync(roundId);
        if (await surveys.GetAsync(roundId, HttpContext.RequestAborted) is { } s)
        {
            Introduction = s.Introduction;
            (OpensOn, ClosesOn) = (Form(s.OpensOn), Form(s.ClosesOn));
            (MinimumGroupSize, MeetsButFewAgreePercent, NotMetButAgreePercent) = (Number(s.MinimumGroupSize), Number(s.MeetsButFewAgreePercent), Number(s.NotMetButAgreePercent));
            AboutYou = [.. new[] { s.AsksRole ? SurveyRules.RoleKey : null, s.AsksLengthOfService ? SurveyRules.ServiceKey : null }.OfType<string>()];
        }
    }

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        var input = new SurveyDetailsInput(Introduction, OpensOn.ToInput(), ClosesOn.ToInput(), AboutYou.Contains(SurveyRules.RoleKey), AboutYou.Contains(SurveyRules.ServiceKey),
            MinimumGroupSize ?? "", MeetsButFewAgreePercent ?? "", NotMetButAgreePercent ?? "");
        var errors = await surveys.SaveDetailsAsync(roundId, input, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            await LoadAsync(roundId);
            this.AddErrors(errors);
            return Page();
        }

        TempData[IndexModel.ConfirmationKey] = "The survey's introduction and dates have been saved";
        return Redirect(Links.Survey(HttpContext.PartnershipAccess().Partnership.Id, roundId));
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateForm Form(DateOnly d) => new()
    {
        Day = d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Month = d.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Year = d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
