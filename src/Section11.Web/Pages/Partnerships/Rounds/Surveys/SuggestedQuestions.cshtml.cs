using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>Questions offered from the round's priority items and the bundled bank; "Add" adds one as it is worded.</summary>
[AdministersPartnership]
public class SuggestedQuestionsModel(SurveyService surveys, RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    [TempData(Key = IndexModel.ConfirmationKey)]
    public string? Confirmation { get; set; }

    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<SuggestedQuestion> Suggestions { get; private set; } = [];

    /// <summary>Questions can be added only before the survey opens.</summary>
    public bool CanAdd { get; private set; }

    private async Task LoadAsync(int partnershipId, int roundId)
    {
        Round = (await rounds.GetRoundAsync(partnershipId, roundId, HttpContext.RequestAborted))!;
        var survey = await surveys.GetAsync(roundId, HttpContext.RequestAborted);
        CanAdd = survey is { OpenedAt: null };
        Suggestions = await surveys.SuggestAsync(roundId, HttpContext.RequestAborted);
    }

    public async Task OnGetAsync(int partnershipId, int roundId) => await LoadAsync(partnershipId, roundId);

    public async Task<IActionResult> OnPostAddAsync(int partnershipId, int roundId, string? text, string? kind, string? itemNumbers)
    {
        QuestionKind? k = Enum.TryParse<QuestionKind>(kind, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _) ? parsed : null;
        var errors = await surveys.AddQuestionAsync(roundId, new QuestionInput(k, text, null, itemNumbers), users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            await LoadAsync(partnershipId, roundId);
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = "The question has been added";
        return Redirect(Links.SuggestedSurveyQuestions(partnershipId, roundId));
    }
}
