using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>Free-text answers nobody has read yet, each with "Publishable" and "Not publishable" (the Mark handler).</summary>
[AdministersPartnership]
public class FreeTextModel(SurveyService surveys, RoundService rounds, UserManager<ApplicationUser> users) : PageModel
{
    public const string ConfirmationKey = "SurveyFreeTextConfirmation";

    [TempData(Key = ConfirmationKey)]
    public string? Confirmation { get; set; }

    public RoundSummary Round { get; private set; } = null!;
    public IReadOnlyList<UnreadFreeText> Unread { get; private set; } = [];

    private async Task LoadAsync(int partnershipId, int roundId)
    {
        Round = (await rounds.GetRoundAsync(partnershipId, roundId, HttpContext.RequestAborted))!;
        Unread = await surveys.GetUnreadFreeTextAsync(roundId, HttpContext.RequestAborted);
    }

    public async Task OnGetAsync(int partnershipId, int roundId) => await LoadAsync(partnershipId, roundId);

    public async Task<IActionResult> OnPostMarkAsync(int partnershipId, int roundId, long responseId, int questionId, bool publishable)
    {
        var errors = await surveys.MarkFreeTextAsync(roundId, responseId, questionId, publishable, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            await LoadAsync(partnershipId, roundId);
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = publishable ? "The answer has been marked publishable" : "The answer has been marked not publishable: it will not be shown";
        return Redirect(Links.SurveyFreeText(partnershipId, roundId));
    }
}
