using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Surveys;

/// <summary>Opens the survey (or makes new links): every agency of the round gets its own link, shown here once.</summary>
[AdministersPartnership]
public class OpenModel(SurveyService surveys, RoundService rounds, UserManager<ApplicationUser> users, IOptions<AccountOptions> accounts) : PageModel
{
    public RoundSummary Round { get; private set; } = null!;
    public Section11.Core.Surveys.Survey? Survey { get; private set; }

    /// <summary>
    /// Set only in the response to the POST that made them: the links are in no row, URL, cookie or later response
    /// (as an API token is shown once).
    /// </summary>
    public IReadOnlyList<(string Agency, string Url)>? Issued { get; private set; }

    private async Task LoadAsync(int roundId)
    {
        Round = (await rounds.GetRoundAsync(HttpContext.PartnershipAccess().Partnership.Id, roundId, HttpContext.RequestAborted))!;
        Survey = await surveys.GetAsync(roundId, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetAsync(int roundId)
    {
        await LoadAsync(roundId);
        return Survey is null || Survey.ClosedAt is not null ? Redirect(Links.Survey(Round.PartnershipId, roundId)) : Page();
    }

    public async Task<IActionResult> OnPostAsync(int roundId)
    {
        var (links, errors) = await surveys.OpenAsync(roundId, users.GetUserId(User)!, HttpContext.RequestAborted);
        await LoadAsync(roundId);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        var root = accounts.Value.LinkBase($"{Request.Scheme}://{Request.Host}");
        Issued = [.. links.Select(l => (l.AgencyName, root + Links.AnswerSurvey(l.Token)))];
        return Page();
    }
}
