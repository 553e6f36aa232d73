using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>The agency's lead assigns each standard of the return to one of its people, or to nobody.</summary>
[Requires(ReturnRequirement.Delegate)]
public class AssignmentsModel(AssignmentService assignments, UserManager<ApplicationUser> users) : PageModel
{
    /// <summary>Standard id to the user id chosen for it (blank: nobody).</summary>
    [BindProperty]
    public Dictionary<int, string?> Assign { get; set; } = [];

    public AssignmentChoice Choice { get; private set; } = null!;

    [TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync()
    {
        Choice = await assignments.GetChoiceAsync(HttpContext.ReturnAccess().Return, HttpContext.RequestAborted);
        Assign = Choice.Standards.ToDictionary(s => s.Standard.Id, s => s.UserId);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var summary = HttpContext.ReturnAccess().Return;
        var errors = await assignments.AssignAsync(summary, Assign, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            Choice = await assignments.GetChoiceAsync(summary, HttpContext.RequestAborted);
            this.AddErrors(errors);
            return Page();
        }

        Confirmation = "The assignments have been saved";
        return Redirect(Links.Assignments(summary.Id));
    }
}
