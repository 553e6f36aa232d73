using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>The lead has checked the answers: freeze them for the senior signatory.</summary>
[Requires(ReturnRequirement.Edit)]
public class SendForSignOffModel(ReturnService returns, UserManager<ApplicationUser> users) : PageModel
{
    public int ReturnId { get; private set; }

    public IActionResult OnGet() => Redirect($"/returns/{HttpContext.ReturnAccess().Return.Id}/check-answers");

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnId = HttpContext.ReturnAccess().Return.Id;
        var errors = await returns.SendForSignOffAsync(ReturnId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        return Redirect($"/returns/{ReturnId}/view");
    }
}
