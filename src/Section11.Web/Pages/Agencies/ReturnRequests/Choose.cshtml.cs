using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.ReturnRequests;

/// <summary>A partnership's round asks for the agency's return: its lead shares one the agency already has, or starts another.</summary>
[LeadsAgency]
public class ChooseModel(SharingService sharing, UserManager<ApplicationUser> users) : PageModel
{
    /// <summary>The value of the "start a separate return" option.</summary>
    public const string Separate = "separate";

    public ReturnRequest Asked { get; private set; } = null!;

    [BindProperty]
    public string? Choice { get; set; }

    public async Task<IActionResult> OnGetAsync(int receiptId)
    {
        var request = await sharing.GetRequestAsync(HttpContext.AgencyAccess().Agency.Id, receiptId, HttpContext.RequestAborted);
        if (request is null)
        {
            return NotFound();
        }

        Asked = request;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int receiptId)
    {
        var agencyId = HttpContext.AgencyAccess().Agency.Id;
        var request = await sharing.GetRequestAsync(agencyId, receiptId, HttpContext.RequestAborted);
        if (request is null)
        {
            return NotFound();
        }

        Asked = request;
        int? returnId = int.TryParse(Choice, out var id) ? id : null;
        if (returnId is null && Choice != Separate)
        {
            ModelState.AddModelError(nameof(Choice), "Select the return to share, or start a separate return");
            return Page();
        }

        var errors = await sharing.ChooseAsync(agencyId, receiptId, returnId, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors([.. errors.Select(e => e with { Key = nameof(Choice) })]);
            return Page();
        }

        var chosen = returnId ?? (await sharing.ReturnOfAsync(receiptId, HttpContext.RequestAborted));
        return Redirect(Links.Return(chosen!.Value));
    }
}
