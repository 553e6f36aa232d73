using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Survey;

/// <summary>
/// An agency's staff answer the survey through its link, with no sign-in. Nothing about the person or the browser is
/// kept: no address, user agent or cookie (no antiforgery cookie either: there is no session to forge a request in,
/// and a forged answer is no worse than a typed one). Posting is rate-limited per address in memory only. Once
/// answers are saved the browser is marked as having answered (<see cref="SurveyAnsweredCookie"/>, no identifier), so
/// the next visit asks first; "answer again" (a shared computer) shows the form as usual.
/// </summary>
[AllowAnonymous]
[AllowWithoutMfa]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(SurveyRateLimit.Policy)]
public class IndexModel(SurveyService surveys) : PageModel
{
    public SurveyForAnswering Found { get; private set; } = null!;

    /// <summary>What the person chose or typed, by field name, so an error loses nothing.</summary>
    public Dictionary<string, IReadOnlyList<string>> Given { get; private set; } = [];

    /// <summary>This browser has answered this survey already and has not asked to answer again.</summary>
    public bool AnsweredHere { get; private set; }

    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, bool again = false)
    {
        if (await surveys.FindByTokenAsync(token, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        (Found, Token) = (found, token);
        AnsweredHere = found.TakesAnswers && !again && SurveyAnsweredCookie.Has(Request, found.Survey.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Given = Request.Form.Where(f => f.Key.StartsWith('q') || f.Key is SurveyRules.RoleKey or SurveyRules.ServiceKey)
            .ToDictionary(f => f.Key, f => (IReadOnlyList<string>)[.. f.Value.OfType<string>()]);
        var sent = await surveys.SubmitAsync(token, Given, HttpContext.RequestAborted);
        if (sent is { Outcome: SubmitOutcome.Saved, Survey: { } survey })
        {
            SurveyAnsweredCookie.Mark(Response, survey.Id, survey.ClosesOn);
            return Redirect(Links.SurveyConfirmation(token));
        }

        if (sent.Redraw is not { } found)
        {
            return NotFound();
        }

        (Found, Token) = (found, token);
        this.AddErrors(sent.Errors);
        return Page();
    }

    public string? Chosen(string key) => Given.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;

    public IReadOnlyCollection<string> ChosenAll(string key) => Given.TryGetValue(key, out var v) ? [.. v] : [];
}
