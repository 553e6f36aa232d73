using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>The lead takes a return back from the signatory to change it.</summary>
[Requires(ReturnRequirement.EditorRole)]
public class WithdrawModel(ReturnService returns, UserManager<ApplicationUser> users) : PageModel
{
    public int ReturnId { get; private set; }

    public IActionResult OnGet() => Redirect($"/returns/{HttpContext.ReturnAccess().Return.Id}/view");

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnId = HttpContext.ReturnAccess().Return.Id;
        var errors = await returns.WithdrawAsync(ReturnId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        return Redirect($"/returns/{ReturnId}");
    }
}
