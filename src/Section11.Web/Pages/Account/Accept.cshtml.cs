using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

/// <summary>The link in an invitation email: set a password, then straight on to setting up the authenticator app.</summary>
[AllowAnonymous]
[AllowWithoutMfa]
public class AcceptModel(InvitationService invitations, MfaSignIn signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public InvitationStatus Status { get; private set; }
    public string? Email { get; private set; }


    public async Task<IActionResult> OnGetAsync()
    {
        var lookup = await invitations.FindAsync(Token, HttpContext.RequestAborted);
        return Show(lookup.Status, lookup.Email);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await invitations.AcceptAsync(Token, Password, ConfirmPassword, HttpContext.RequestAborted);
        if (result.Status != InvitationStatus.Valid || result.Errors.Count > 0)
        {
            this.AddErrors(result.Errors);
            return Show(result.Status, result.User?.Email);
        }

        await signIn.SignInAfterInvitationAsync(result.User!);
        return Redirect(Links.SetUpMfa());
    }

    private PageResult Show(InvitationStatus status, string? email)
    {
        Status = status;
        Email = email;
        // A link that has expired or been used is gone for good; one we never issued was never here.
        Response.StatusCode = status switch
        {
            InvitationStatus.Expired or InvitationStatus.Used => StatusCodes.Status410Gone,
            InvitationStatus.Unknown => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }
}
