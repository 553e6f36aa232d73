using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Surveys;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Survey;

/// <summary>The thank-you after an answer: it shows nothing of what was answered.</summary>
[AllowAnonymous]
[AllowWithoutMfa]
public class ConfirmationModel(SurveyService surveys) : PageModel
{
    public string AgencyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (await surveys.FindByTokenAsync(token, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        AgencyName = found.AgencyName;
        return Page();
    }
}
