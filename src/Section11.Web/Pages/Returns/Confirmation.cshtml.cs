using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

public class ConfirmationModel : PageModel
{
    public ReturnSummary Return { get; private set; } = null!;

    public string Reference => Section11.Core.Notifications.NotificationEmails.Reference(Return.Id);

    public IActionResult OnGet()
    {
        Return = HttpContext.ReturnAccess().Return;
        return Return.Status.CountsAsSubmitted() ? Page() : Redirect(Links.ViewReturn(Return.Id));
    }
}
