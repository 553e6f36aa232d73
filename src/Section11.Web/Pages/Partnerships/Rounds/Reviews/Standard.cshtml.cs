using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.Rounds.Reviews;

/// <summary>One standard of a received return: each item's self rating and evidence, and the moderated rating with its reason.</summary>
[OpenToPeerReviewers]
public class StandardModel(ModerationService moderation, ReviewNoteService notes, UserManager<ApplicationUser> users) : PageModel
{
    public sealed class NoteForm
    {
        public int? ItemId { get; set; }
        public string? Kind { get; set; }
        public string? Text { get; set; }
        public DateForm WantedBy { get; set; } = new();
    }

    public IReadOnlyList<RadioOption> KindOptions { get; } =
        [.. Enum.GetValues<NoteKind>().Select(k => new RadioOption(k.ToString(), k.Label(), k == NoteKind.Comment ? "No answer needed" : "The agency must answer"))];

    [TempData(Key = ReviewModel.ConfirmationKey)]
    public string? Confirmation { get; set; }

    [BindProperty]
    public NoteForm Note { get; set; } = new();

    public sealed class ModerationForm
    {
        public int? ItemId { get; set; }
        public string? Rating { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty]
    public List<ModerationForm> Items { get; set; } = [];

    [BindProperty]
    public ModerationForm Evaluation { get; set; } = new();

    public StandardModeration View { get; private set; } = null!;

    /// <summary>An assigned reviewer or an administrator, while the review is open: the form shows; anyone else reads.</summary>
    public bool CanEdit { get; private set; }

    private async Task<bool> LoadAsync(int receiptId, int number)
    {
        if (await moderation.GetStandardAsync(receiptId, number, HttpContext.RequestAborted) is not { } view)
        {
            return false;
        }

        View = view;
        CanEdit = view.IsOpen && view.Review.MayModerate(users.GetUserId(User)!, HttpContext.PartnershipAccess().CanAdminister);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int receiptId, int number)
    {
        if (!await LoadAsync(receiptId, number))
        {
            return NotFound();
        }

        FillRatings();
        return Page();
    }

    private void FillRatings()
    {
        Items = [.. View.Items.Select(i => new ModerationForm { ItemId = i.ItemId, Rating = i.Rating, Reason = i.Reason })];
        Evaluation = new() { Rating = View.Evaluation.Rating, Reason = View.Evaluation.Reason };
    }

    /// <summary>Adds a challenge, comment or evidence request to one item; on an error the page comes back with what was typed.</summary>
    [ModeratesReceipt]
    public async Task<IActionResult> OnPostNoteAsync(int roundId, int receiptId, int number)
    {
        var input = new NoteInput(Note.ItemId ?? 0, Note.Kind, Note.Text, Note.WantedBy.ToInput());
        var errors = await notes.AddAsync(receiptId, number, input, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            if (!await LoadAsync(receiptId, number))
            {
                return NotFound();
            }

            FillRatings();
            this.AddErrors(errors);
            return Page();
        }

        TempData[ReviewModel.ConfirmationKey] = $"Note added to standard {number}";
        return Redirect(Links.ReviewStandard(HttpContext.PartnershipAccess().Partnership.Id, roundId, receiptId, number));
    }

    [ModeratesReceipt]
    public async Task<IActionResult> OnPostAsync(int roundId, int receiptId, int number)
    {
        var values = Items.Select(i => new ModerationValues(i.ItemId, i.Rating, i.Reason)).Append(new ModerationValues(null, Evaluation.Rating, Evaluation.Reason)).ToList();
        var errors = await moderation.SaveStandardAsync(receiptId, number, values, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            if (!await LoadAsync(receiptId, number))
            {
                return NotFound();
            }

            this.AddErrors(errors);
            return Page();
        }

        TempData[ReviewModel.ConfirmationKey] = $"Moderated ratings of standard {number} saved";
        return Redirect(Links.Review(HttpContext.PartnershipAccess().Partnership.Id, roundId, receiptId));
    }
}
