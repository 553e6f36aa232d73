using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Notifications;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>
/// A feedback letter as it reads, for the page, Word and PDF alike: drawn from the saved letter (and, while it is a
/// draft, the moderation as it is now), or from the suggestions when nothing is saved yet.
/// </summary>
public sealed record LetterDocument(
    string AgencyName, string PartnershipName, string RoundTitle, DateOnly Date, string Opening, IReadOnlyList<GradeChange> Changes,
    string? Strengths, string? RequiredActions, DateOnly? FollowUpOn, string? SignedBy, bool IsDraft)
{
    public static readonly IReadOnlyList<string> ChangeColumns = ["Item", "The agency's grade", "Moderated grade", "Change", "Why"];

    public string Title => $"Feedback on your Section 11 return: {RoundTitle}";

    public string Addressee => $"To {AgencyName}, from {PartnershipName}";

    public const string NoChanges = "The partnership moderated every grade as you gave it.";

    public const string NoStrengths = "None noted.";

    public const string NoActions = "None.";

    public string FollowUpText => FollowUpOn is { } d
        ? $"{PartnershipName} will follow up on {LetterText.Date(d)}."
        : "The follow-up date is not set yet.";

    public string Signature => SignedBy is null ? $"{PartnershipName}" : $"{SignedBy}, for {PartnershipName}";

    public string FileName(string extension) => $"Feedback letter - {AgencyName} - {RoundTitle}.{extension}";
}

/// <summary>One sent letter as the return's pages list it for the agency.</summary>
public sealed record SentLetter(int ReceiptId, string PartnershipName, string RoundTitle, DateTime SentAt);

/// <summary>The partnership's letter page: the review, where the letter is, what its form holds, and how it reads.</summary>
public sealed record LetterPage(ReceiptReview Review, LetterStatus? Status, DateTime? SentAt, string? SentBy, LetterInput Values, LetterDocument Document)
{
    public bool IsSent => Status == LetterStatus.Sent;

    /// <summary>The letter can be written and sent now: the review is finished and the letter is not yet sent.</summary>
    public bool IsOpen => !IsSent && FeedbackLetterRules.CanDraft(Review.State);
}

internal static class LetterText
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// Feedback letters: drafted from a finished moderation, edited and sent by the partnership's administrators, then read
/// (never drafts) by the agency on its return, with an email to its leads.
/// </summary>
public sealed class FeedbackLetterService(Section11DbContext db, FrameworkCatalog catalog, ReviewService reviews, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<LetterPage?> GetAsync(int receiptId, CancellationToken ct = default)
    {
        if (await reviews.GetAsync(receiptId, ct) is not { ReturnId: not null } review)
        {
            return null;
        }

        var letter = await db.FeedbackLetters.AsNoTracking().SingleOrDefaultAsync(l => l.ReceiptId == receiptId, ct);
        var values = letter is null
            ? await SuggestAsync(review, ct)
            : new LetterInput(letter.Opening, letter.Strengths, letter.RequiredActions, DateInput.From(letter.FollowUpOn));
        var sentBy = letter?.SentById is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync(ct) : null;
        var document = await DocumentAsync(review, letter, values, sentBy, ct);
        return new(review, letter?.Status, letter?.SentAt, sentBy, values, document);
    }

    /// <summary>The sent letter about the receipt, as the agency reads it; null while there is none or it is a draft.</summary>
    public async Task<LetterDocument?> GetSentAsync(int receiptId, CancellationToken ct = default)
    {
        var letter = await db.FeedbackLetters.AsNoTracking().SingleOrDefaultAsync(l => l.ReceiptId == receiptId && l.Status == LetterStatus.Sent, ct);
        if (letter is null || await reviews.GetAsync(receiptId, ct) is not { } review)
        {
            return null;
        }

        var sentBy = await db.Users.Where(u => u.Id == letter.SentById).Select(u => u.DisplayName).SingleAsync(ct);
        return await DocumentAsync(review, letter, new(letter.Opening, letter.Strengths, letter.RequiredActions, DateInput.From(letter.FollowUpOn)), sentBy, ct);
    }

    /// <summary>The letters sent about a return, one per partnership that sent one, for the agency's pages: one statement.</summary>
    public async Task<IReadOnlyList<SentLetter>> GetSentForReturnAsync(int returnId, CancellationToken ct = default) =>
        await (from l in db.FeedbackLetters.AsNoTracking()
               join x in db.Receipts on l.ReceiptId equals x.Id
               where x.ReturnId == returnId && l.Status == LetterStatus.Sent
               orderby x.Round.Partnership.Name, x.Id
               select new SentLetter(x.Id, x.Round.Partnership.Name, x.Round.Title, l.SentAt!.Value)).ToListAsync(ct);

    /// <summary>Saves the draft (creating it the first time). Only once the review is finished; never after sending.</summary>
    public Task<IReadOnlyList<FieldError>> SaveDraftAsync(int receiptId, LetterInput input, string userId, CancellationToken ct = default) =>
        WriteAsync(receiptId, input, userId, sending: false, ct);

    /// <summary>
    /// Saves what was typed and sends the letter in one go: it needs a follow-up date today or later; the grades that
    /// changed are frozen with it; the agency's leads are emailed in the same SaveChanges. Nothing is saved on an error.
    /// </summary>
    public Task<IReadOnlyList<FieldError>> SendAsync(int receiptId, LetterInput input, string userId, CancellationToken ct = default) =>
        WriteAsync(receiptId, input, userId, sending: true, ct);

    private async Task<IReadOnlyList<FieldError>> WriteAsync(int receiptId, LetterInput input, string userId, bool sending, CancellationToken ct)
    {
        var receipt = await db.Receipts.SingleAsync(x => x.Id == receiptId, ct);
        var letter = await db.FeedbackLetters.SingleOrDefaultAsync(l => l.ReceiptId == receiptId, ct);
        if (letter?.IsSent == true)
        {
            return [new("", FeedbackLetterRules.SentRefusal)];
        }

        if (!FeedbackLetterRules.CanDraft(receipt.ReviewState) || receipt.ReturnId is null)
        {
            return [new("", FeedbackLetterRules.DraftRefusal)];
        }

        var (errors, values) = FeedbackLetterRules.Check(input, Today, sending);
        if (errors.Count > 0)
        {
            return errors;
        }

        var actor = new Actor(userId, Now);
        var log = new List<ChangeLogEntry>();
        var added = letter is null;
        letter ??= db.FeedbackLetters.Add(new FeedbackLetter { ReceiptId = receiptId, Opening = "", UpdatedById = userId }).Entity;
        letter.Update(values, actor, log);
        if (sending)
        {
            var review = (await reviews.GetAsync(receiptId, ct))!;
            if (letter.Send(await ChangesAsync(review, ct), actor, Today, log) is { } refused)
            {
                return [new("", refused)];
            }

            await NotificationOutbox.LetterSentAsync(db, receipt, letter.FollowUpOn!.Value, actor.At, ct);
        }

        // A new letter's id comes from the insert: its change-log rows follow in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (added || letter.IsSent)
        {
            // Someone else created the letter (its unique index) or sent it (its status token) meanwhile: nothing is saved.
            db.ChangeTracker.Clear();
            return [new("", FeedbackLetterRules.RaceRefusal)];
        }

        if (added)
        {
            foreach (var entry in log)
            {
                entry.EntityId = letter.Id.ToString(CultureInfo.InvariantCulture);
            }
        }

        db.ChangeLog.AddRange(log);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    private async Task<LetterDocument> DocumentAsync(ReceiptReview review, FeedbackLetter? letter, LetterInput values, string? sentBy, CancellationToken ct)
    {
        var names = await db.Rounds.AsNoTracking().Where(r => r.Id == review.RoundId).Select(r => r.Partnership.Name).SingleAsync(ct);
        var changes = letter?.Changes ?? await ChangesAsync(review, ct);
        var date = letter?.SentAt is { } sent ? DateOnly.FromDateTime(sent) : Today;
        var (followUp, _) = values.FollowUp.Parse();
        return new(review.AgencyName, names, review.RoundTitle, date, values.Opening ?? "", changes, values.Strengths, values.RequiredActions,
            followUp, sentBy, letter?.IsSent != true);
    }

    /// <summary>One item's (or evaluation's) moderation: the self and moderated levels, the reason, which way it moved.</summary>
    private sealed record Moderated(Standard Standard, Item? Item, ScaleLevelDefinition? Self, ScaleLevelDefinition Level, string? Reason, int? Direction)
    {
        public string What => Item is null ? $"Standard {Standard.Number} evaluation" : Item.Number;

        public string Text => Item?.Text ?? Standard.Title;
    }

    /// <summary>Every moderated rating of the receipt beside the agency's own, in the framework's order: three statements.</summary>
    private async Task<IReadOnlyList<Moderated>> ModerationAsync(ReceiptReview review, CancellationToken ct)
    {
        var returnId = review.ReturnId!.Value;
        var framework = await catalog.GetForRoundAsync(db, review.RoundId, ct);
        var definition = framework.Definition;
        var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == returnId).Select(a => new { a.ItemId, a.Rating }).ToDictionaryAsync(a => a.ItemId, a => a.Rating, ct);
        var evaluations = await db.StandardEvaluations.AsNoTracking().Where(e => e.ReturnId == returnId)
            .Select(e => new { e.StandardId, e.Rating }).ToDictionaryAsync(e => e.StandardId, e => e.Rating, ct);
        var ratings = await db.ModeratedRatings.AsNoTracking().Where(m => m.ReceiptId == review.ReceiptId).ToListAsync(ct);
        var scale = ModerationRules.Scale(definition);
        var list = new List<Moderated>();
        foreach (var standard in framework.Standards)
        {
            foreach (var (item, selfKey) in standard.Items.OrderBy(i => i.SortKey).Select(i => ((Item?)i, answers.GetValueOrDefault(i.Id)))
                .Append((null, evaluations.GetValueOrDefault(standard.Id))))
            {
                var rating = ratings.FirstOrDefault(m => m.StandardId == standard.Id && m.ItemId == item?.Id);
                var level = scale.FirstOrDefault(l => l.Key == rating?.Rating);
                if (level is null)
                {
                    continue;
                }

                var self = definition.Scale.Levels.FirstOrDefault(l => l.Key == selfKey);
                list.Add(new(standard, item, self, level, rating!.Reason, ModerationRules.Compare(definition, self, level)));
            }
        }

        return list;
    }

    /// <summary>The grades moderated differently from the agency's, with the reviewers' reasons.</summary>
    private async Task<IReadOnlyList<GradeChange>> ChangesAsync(ReceiptReview review, CancellationToken ct) =>
        [.. (await ModerationAsync(review, ct)).Where(m => m.Direction != 0).Select(m => new GradeChange(m.What, m.Text, m.Self?.Label ?? "Not rated", m.Level.Label,
            m.Direction switch { < 0 => "Moderated down", > 0 => "Moderated up", _ => "Differs" }, m.Reason))];

    /// <summary>
    /// What a new letter starts with: an opening; strengths from the items moderated at a level that meets the standard
    /// and not below the agency's own; required actions from the challenges and evidence requests still unanswered and
    /// the items moderated below the standard. The administrator edits them all.
    /// </summary>
    private async Task<LetterInput> SuggestAsync(ReceiptReview review, CancellationToken ct)
    {
        var partnership = await db.Rounds.AsNoTracking().Where(r => r.Id == review.RoundId).Select(r => r.Partnership.Name).SingleAsync(ct);
        var opening = $"Thank you for {Wording.Possessive(review.AgencyName)} Section 11 return for {review.RoundTitle}. {Wording.Possessive(partnership)} reviewers "
            + "have read and moderated it. This letter sets out the grades they moderated differently from your own and why, the strengths they found, "
            + "the actions the partnership requires and the date it will follow them up.";
        var moderation = await ModerationAsync(review, ct);
        var strengths = moderation.Where(m => m.Level.Meets && m.Direction >= 0).Select(m => $"{m.What}: {m.Text}");
        var unanswered = await db.ReviewNotes.AsNoTracking()
            .Where(n => n.ReceiptId == review.ReceiptId && n.Kind != NoteKind.Comment && !db.ReviewAnswers.Any(a => a.NoteId == n.Id && a.SentAt != null))
            .OrderBy(n => n.Id).Select(n => new { n.ItemId, n.Text }).ToListAsync(ct);
        var numbers = moderation.Where(m => m.Item is not null).ToDictionary(m => m.Item!.Id, m => m.Item!.Number);
        var framework = await catalog.GetForRoundAsync(db, review.RoundId, ct);
        string Number(int itemId) => numbers.GetValueOrDefault(itemId)
            ?? framework.Standards.SelectMany(s => s.Items).FirstOrDefault(i => i.Id == itemId)?.Number ?? "";
        var actions = unanswered.Select(n => $"{Number(n.ItemId)}: Answer the challenge: {n.Text}")
            .Concat(moderation.Where(m => !m.Level.Meets).Select(m => $"{m.What}: Bring this up to the standard{(m.Reason is null ? "" : $": {m.Reason}")}"));
        return new(opening, Lines(strengths), Lines(actions), DateInput.Empty);
    }

    private static string? Lines(IEnumerable<string> lines) => string.Join("\n", lines) is { Length: > 0 } text ? text : null;
}
