using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>Adds one question to the survey, in one step: its kind, wording, choices and mapped framework items.</summary>
[AdministersPartnership]
public class NewQuestionModel(SurveyService surveys, RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Choices { get; set; }

    [BindProperty]
    public string? ItemNumbers { get; set; }

    public RoundSummary Round { get; private set; } = null!;

    private async Task LoadAsync(int roundId) =>
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;

    public async Task OnGetAsync(int roundId) => await LoadAsync(roundId);

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        // A kind the page never offers is a forged form: the service's "select the kind" error, at 400.
        QuestionKind? kind = Enum.TryParse<QuestionKind>(Kind, out var k) && Enum.IsDefined(k) && !int.TryParse(Kind, out _) ? k : null;
        var errors = await surveys.AddQuestionAsync(roundId, new QuestionInput(kind, Text, Choices, ItemNumbers), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            await LoadAsync(roundId);
            this.AddErrors(errors);
            return Page();
        }

        TempData[IndexModel.ConfirmationKey] = "The question has been added";
        return Redirect(Links.Survey(HttpContext.PartnershipAccess().Partnership.Id, roundId));
    }
}
