using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>The round's survey as its administrator runs it: the questions, opening, counts, closing.</summary>
[AdministersPartnership]
public class IndexModel(SurveyService surveys, RoundService rounds, UserManager<ApplicationUser> users, TimeProvider time) : PageModel
{
    public const string ConfirmationKey = "SurveyConfirmation";

    [TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public RoundSummary Round { get; private set; } = null!;
    public Section11.Core.Surveys.Survey? Survey { get; private set; }
    public SurveyCounts? Counts { get; private set; }
    public DateOnly Today { get; private set; }

    private async Task LoadAsync(int roundId)
    {
        var ct = HttpContext.RequestAborted;
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, ct))!;
        Survey = await surveys.GetAsync(roundId, ct);
        Counts = Survey?.OpenedAt is null ? null : await surveys.GetCountsAsync(Survey.Id, roundId, ct);
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    public async Task OnGetAsync(int roundId) => await LoadAsync(roundId);

    public async Task<IActionResult> OnPostRemoveAsync(int roundId, int questionId) =>
        await DoneAsync(roundId, await surveys.RemoveQuestionAsync(roundId, questionId, users.GetUserId(User)!, HttpContext.RequestAborted), "The question has been removed");

    public async Task<IActionResult> OnPostCloseAsync(int roundId) =>
        await DoneAsync(roundId, await surveys.CloseAsync(roundId, users.GetUserId(User)!, HttpContext.RequestAborted), "The survey has been closed: it takes no more answers");

    private async Task<IActionResult> DoneAsync(int roundId, IReadOnlyList<Section11.Core.Returns.FieldError> errors, string confirmation)
    {
        if (errors.Count > 0)
        {
            await LoadAsync(roundId);
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = confirmation;
        return Redirect(Links.Survey(HttpContext.PartnershipAccess().Partnership.Id, roundId));
    }
}
