using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

[Requires(ReturnRequirement.Edit)]
public class StandardModel(ReturnService returns, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<AnswerForm> Answers { get; set; } = [];

    [BindProperty]
    public EvaluationForm Evaluation { get; set; } = new();

    public StandardView View { get; private set; } = null!;

    /// <summary>What a colleague saved while this person was editing, when their save was refused.</summary>
    public StandardView? Conflict { get; private set; }

    /// <summary>The return stopped being open while this person typed: the page keeps their text but offers no save.</summary>
    public bool Frozen { get; private set; }

    /// <summary>Which partnership's local section, where two of a shared return have the same number.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Round { get; set; }

    public bool Differs(Answer theirs, AnswerForm mine) =>
        theirs.Rating != mine.Rating
        || theirs.ActualEvidence != ReturnService.Normalise(mine.ActualEvidence)
        || theirs.ActionRequired != ReturnService.Normalise(mine.ActionRequired)
        || theirs.Timescale != mine.Timescale.ToInput().Parse().Date;

    public async Task<IActionResult> OnGetAsync(int number)
    {
        var view = await returns.GetStandardAsync(HttpContext.ReturnAccess().Return, number, Round, HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Version = view.Evaluation.Version;
        Answers = [.. view.Answers.Select(AnswerForm.From)];
        Evaluation = new EvaluationForm { Rating = view.Evaluation.Rating, Statement = view.Evaluation.Statement };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int number, string? action)
    {
        var summary = HttpContext.ReturnAccess().Return;
        // The framework comes from the catalog's cache: checking the standard exists costs no query.
        var framework = await returns.GetFrameworkAsync(summary, HttpContext.RequestAborted);
        var standard = framework.FindStandard(number, Round);
        if (standard is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            // Only the hidden numbers can fail to bind, and only if the form was tampered with.
            return BadRequest();
        }

        // The standard as stored is loaded only when the page is drawn again (an error or a conflict), not for every save.
        var input = new StandardInput(Version, [.. Answers.Select(a => a.ToValues())], Evaluation.ToValues());
        var result = await returns.SaveStandardAsync(summary, number, input, complete: action != "later", users.GetUserId(User)!, Round, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved when action == "later":
                return Redirect(Links.Return(summary.Id));
            case SaveOutcome.Saved:
                var next = framework.Standards.SkipWhile(s => s != standard).Skip(1).FirstOrDefault();
                return Redirect(next is null ? Links.CheckAnswers(summary.Id) : Links.Standard(summary.Id, next));
            case SaveOutcome.Invalid:
                View = (await returns.GetStandardAsync(summary, number, Round, HttpContext.RequestAborted))!;
                this.AddErrors(result.Errors);
                return Page();
            case SaveOutcome.Conflict:
                View = (await returns.GetStandardAsync(summary, number, Round, HttpContext.RequestAborted))!;
                Conflict = result.Current!;
                var who = Conflict.LastSavedBy ?? "Someone else";
                var when = Conflict.Evaluation.UpdatedAt is { } at ? $" at {at:HH:mm} UTC" : "";
                ModelState.AddModelError("", $"{who} saved this standard{when} while you were editing it. Your changes have not been saved. "
                    + "Their answers are shown beside yours: check them, change yours if you need to, and save again.");
                ModelState.Remove(nameof(Version));
                Version = Conflict.Evaluation.Version;
                return Page();
            case SaveOutcome.NotEditable:
                // Frozen or submitted between the page's check and the write: keep what they typed, say what happened.
                var current = (await returns.GetSummaryAsync(summary.Id, HttpContext.RequestAborted))!;
                View = (await returns.GetStandardAsync(current, number, Round, HttpContext.RequestAborted))!;
                Frozen = true;
                ModelState.AddModelError("", ReturnConcurrency.StandardNotSavedMessage(current.Status));
                return Page();
            default:
                return BadRequest();
        }
    }
}
