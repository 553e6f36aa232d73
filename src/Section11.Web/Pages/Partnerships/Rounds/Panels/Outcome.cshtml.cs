using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review.Panels;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Panels;

/// <summary>One action line of the outcome form: its text and due date, as typed.</summary>
public sealed class ActionForm
{
    public string? Text { get; set; }
    public DateForm DueOn { get; set; } = new();
}

/// <summary>One standard's line of the outcome form: its number (hidden), the agreed grade (blank: not graded) and a note.</summary>
public sealed class StandardGradeForm
{
    public int Number { get; set; }
    public string? Grade { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// One agency's outcome at the panel: the overall agreed grade, a grade per standard (optional), the actions required (into the agency's action plan) and the
/// escalation. Administrators record it; the partnership's reviewers read it.
/// </summary>
public class OutcomeModel(PanelService panels, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public string? AgreedGrade { get; set; }

    [BindProperty]
    public string? GradeNote { get; set; }

    [BindProperty]
    public List<StandardGradeForm> Standards { get; set; } = [];

    [BindProperty]
    public List<ActionForm> Actions { get; set; } = [];

    [BindProperty]
    public string? Escalate { get; set; }

    [BindProperty]
    public string? EscalationNote { get; set; }

    public OutcomePage Outcome { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int roundId, int panelId, int receiptId)
    {
        if (await panels.GetOutcomeAsync(roundId, panelId, receiptId, HttpContext.RequestAborted) is not { } page)
        {
            return NotFound();
        }

        Outcome = page;
        if (page.Agency.Outcome is { } o)
        {
            (AgreedGrade, GradeNote, Escalate, EscalationNote) = (o.AgreedGrade, o.GradeNote, o.Escalated ? "Yes" : "No", o.EscalationNote);
            Actions = [.. o.Actions.Select(a => new ActionForm { Text = a.Text, DueOn = Date(a.DueOn) })];
            Standards = [.. o.Grades.Select(g => new StandardGradeForm { Number = g.StandardNumber, Grade = g.Grade, Note = g.Note })];
        }

        Standards = Lines(page, Standards);

        Actions.AddRange(Enumerable.Range(0, PanelRules.SpareActionLines + (Actions.Count == 0 ? 1 : 0)).Select(_ => new ActionForm()));
        return Page();
    }

    [AdministersPartnership]
    public async Task<IActionResult> OnPostAsync(int roundId, int panelId, int receiptId)
    {
        var input = new OutcomeInput(AgreedGrade, GradeNote, [.. Actions.Select(a => new OutcomeActionInput(a.Text, a.DueOn.ToInput()))], Escalate, EscalationNote,
            [.. Standards.Select(s => new OutcomeStandardInput(s.Number, s.Grade, s.Note))]);
        var errors = await panels.RecordOutcomeAsync(roundId, panelId, receiptId, input, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            if (await panels.GetOutcomeAsync(roundId, panelId, receiptId, HttpContext.RequestAborted) is not { } page)
            {
                return NotFound();
            }

            Outcome = page;
            // The errors are keyed to the lines as posted, so those stay in their places; a standard the post left out is blank.
            Standards = [.. Standards, .. Lines(page, Standards).Where(l => Standards.All(s => s.Number != l.Number))];
            this.AddErrors(errors);
            return Page();
        }

        TempData[PanelModel.ConfirmationKey] = "The outcome has been recorded and its actions are in the agency's action plan";
        return Redirect(Links.Panel(HttpContext.PartnershipAccess().Partnership.Id, roundId, panelId));
    }

    /// <summary>One line per standard of the round's framework, in its order, holding what is recorded or typed.</summary>
    private static List<StandardGradeForm> Lines(OutcomePage page, List<StandardGradeForm> have) =>
        [.. page.Standards.Select(s => have.FirstOrDefault(h => h.Number == s.Number) ?? new StandardGradeForm { Number = s.Number })];

    private static DateForm Date(DateOnly date)
    {
        var typed = DateInput.From(date);
        return new DateForm { Day = typed.Day, Month = typed.Month, Year = typed.Year };
    }
}
