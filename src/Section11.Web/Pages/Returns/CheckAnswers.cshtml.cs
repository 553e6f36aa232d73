using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

public class CheckAnswersModel(ReturnService returns, UserManager<ApplicationUser> users) : PageModel
{
    public ReturnDetails Details { get; private set; } = null!;
    public IReadOnlyList<StandardProblem> Problems { get; private set; } = [];
    public IReadOnlyList<ConsistencyPrompt> Prompts { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    /// <summary>The lead has checked the answers: freeze them for the senior signatory. A refusal shows here, over the answers.</summary>
    [Requires(ReturnRequirement.Edit)]
    public async Task<IActionResult> OnPostSendForSignOffAsync()
    {
        var returnId = HttpContext.ReturnAccess().Return.Id;
        var errors = await returns.SendForSignOffAsync(returnId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            await LoadAsync();
            return Page();
        }

        return Redirect(Links.ViewReturn(returnId));
    }

    private async Task LoadAsync() =>
        (Details, Problems, Prompts) = await returns.GetDetailsWithProblemsAsync(HttpContext.ReturnAccess().Return, HttpContext.RequestAborted);
}
