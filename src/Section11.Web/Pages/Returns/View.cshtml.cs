using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>The whole return read-only, laid out to print.</summary>
[OpenToPeerReviewers]
public class ViewModel(ReturnService returns, UserManager<ApplicationUser> users) : PageModel
{
    public ReturnDetails Details { get; private set; } = null!;

    /// <summary>What a reviewer may ask about: for partnership viewers only.</summary>
    public IReadOnlyList<ConsistencyPrompt> Prompts { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    /// <summary>The lead takes a return back from the signatory to change it. A refusal shows here, over the return.</summary>
    [Requires(ReturnRequirement.EditorRole)]
    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        var returnId = HttpContext.ReturnAccess().Return.Id;
        var errors = await returns.WithdrawAsync(returnId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            await LoadAsync();
            return Page();
        }

        return Redirect(Links.Return(returnId));
    }

    private async Task LoadAsync()
    {
        var access = HttpContext.ReturnAccess();
        (Details, Prompts) = await returns.GetViewAsync(access.Return, access.IsPartnership || access.IsPeerReviewer, HttpContext.RequestAborted);
    }
}
