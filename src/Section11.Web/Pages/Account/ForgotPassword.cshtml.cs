using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

/// <summary>Asks for a reset link. The answer is the same whether or not there is an account for the address.</summary>
[AllowAnonymous]
[AllowWithoutMfa]
public class ForgotPasswordModel(PasswordResetQueue queue) : PageModel
{
    public const string EmailKey = "ResetEmail";

    [BindProperty]
    public string? Email { get; set; }


    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), "Enter your email address");
        }
        else if (!System.Net.Mail.MailAddress.TryCreate(Email.Trim(), out _))
        {
            ModelState.AddModelError(nameof(Email), "Enter an email address in the correct format, like name@example.com");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        queue.Enqueue(Email!.Trim(), $"{Request.Scheme}://{Request.Host}{Request.PathBase}");
        TempData[EmailKey] = Email.Trim();
        return Redirect(Links.ForgotPasswordSent());
    }
}
