using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Notifications;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>One note as a thread shows it: who said what and when, and whether it has gone to the agency.</summary>
public sealed record NoteLine(int Id, int ItemId, NoteKind Kind, string Text, DateOnly? WantedBy, string Author, DateTime CreatedAt, DateTime? SentAt, AnswerLine? Answer);

/// <summary>Challenges, comments and evidence requests on the items of a partnership's receipt, and sending them to the agency.</summary>
public sealed class ReviewNoteService(Section11DbContext db, FrameworkCatalog catalog, ReviewService reviews, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The notes on a receipt (or one standard of it), oldest first, with their authors' names and the agency's sent answers.</summary>
    public async Task<IReadOnlyList<NoteLine>> GetAsync(int receiptId, int? standardId = null, CancellationToken ct = default)
    {
        var notes = await (from n in db.ReviewNotes.AsNoTracking()
                           join u in db.Users on n.AuthorId equals u.Id
                           where n.ReceiptId == receiptId && (standardId == null || n.StandardId == standardId)
                           orderby n.CreatedAt, n.Id
                           select new NoteLine(n.Id, n.ItemId, n.Kind, n.Text, n.WantedBy, u.DisplayName, n.CreatedAt, n.SentAt, null)).ToListAsync(ct);

        // Only answers the agency sent: its drafts are its own.
        var answers = await (from a in db.ReviewAnswers.AsNoTracking()
                             join u in db.Users on a.AuthorId equals u.Id
                             where a.ReceiptId == receiptId && a.SentAt != null
                             select new { a.NoteId, a.SurveyQuestionId, Line = new AnswerLine(a.Text, u.DisplayName, a.SentAt!.Value, null) }).ToListAsync(ct);
        // A cited survey result is drawn with the numbers of the agency's results page, read only when one is cited.
        var citable = answers.Any(a => a.SurveyQuestionId is not null)
            ? await Surveys.SurveyService.CitableAsync(db, await db.Receipts.Where(x => x.Id == receiptId).Select(x => x.AgencyId).SingleAsync(ct), ct)
            : [];
        return [.. notes.Select(n => n with
        {
            Answer = answers.SingleOrDefault(a => a.NoteId == n.Id) is { } a ? a.Line with { Citation = citable.FirstOrDefault(c => c.QuestionId == a.SurveyQuestionId) } : null,
        })];
    }

    /// <summary>
    /// Adds a note to an item of the standard, while the review is open (in review or awaiting the agency; a note added
    /// while the agency has the others waits for the next sending). The return itself is never touched.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> AddAsync(int receiptId, int number, NoteInput input, string userId, CancellationToken ct = default)
    {
        var review = await reviews.GetAsync(receiptId, ct);
        if (review is null || !ReviewLifecycle.CanModerate(review.State, review.ReturnStatus))
        {
            return [new("", review?.IsSubmitted == true ? "Start the review (or reopen it) to add challenges, comments or evidence requests." : "Only a submitted return can be reviewed.")];
        }

        var standard = (await catalog.GetForRoundAsync(db, review.RoundId, ct)).FindStandard(number, review.RoundId);
        if (standard is null)
        {
            return [new("", "There is no such standard in this return.")];
        }

        var (errors, kind, text, wantedBy) = ReviewNoteRules.Check(input, DateOnly.FromDateTime(Now));
        var found = standard.Items.Any(i => i.Id == input.ItemId);
        if (!found || errors.Count > 0)
        {
            var missing = found ? [] : new[] { new FieldError("ItemId", "Select the item the note is about") { Tampered = input.ItemId != 0 } };
            return [.. missing.Concat(errors).Select(e => e with { Key = $"Note.{e.Key}" })];
        }

        var actor = new Actor(userId, Now);
        var note = new ReviewNote
        {
            ReceiptId = receiptId, StandardId = standard.Id, ItemId = input.ItemId, Kind = kind, Text = text, WantedBy = wantedBy, AuthorId = userId, CreatedAt = actor.At,
        };
        db.ReviewNotes.Add(note);

        // The note's id comes from the insert: its change-log rows follow in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.Record(actor, nameof(ReviewNote), note.Id, nameof(ReviewNote.Kind), null, kind.ToString());
        db.Record(actor, nameof(ReviewNote), note.Id, nameof(ReviewNote.Text), null, text);
        if (wantedBy is { } date)
        {
            db.Record(actor, nameof(ReviewNote), note.Id, nameof(ReviewNote.WantedBy), null, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>
    /// Sends every note not yet sent to the agency and moves the review In review → Awaiting agency, with an email to the
    /// agency's leads in the same SaveChanges. Refused unless at least one of them is a challenge or evidence request.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> SendToAgencyAsync(int receiptId, string userId, CancellationToken ct = default)
    {
        var receipt = await db.Receipts.Include(x => x.Return).SingleAsync(x => x.Id == receiptId, ct);
        var unsent = await db.ReviewNotes.Where(n => n.ReceiptId == receiptId && n.SentAt == null).OrderBy(n => n.Id).ToListAsync(ct);
        if (receipt.ReviewState == ReviewState.InReview && !unsent.Any(n => n.NeedsAnswer))
        {
            return [new("", "Add a challenge or an evidence request before sending the review to the agency.")];
        }

        var actor = new Actor(userId, Now);
        var log = new List<ChangeLogEntry>();
        if (receipt.Review(ReviewAction.SendToAgency, actor, log) is { } refused)
        {
            return [new("", refused)];
        }

        foreach (var note in unsent)
        {
            note.SentAt = actor.At;
            log.Add(ChangeRecorder.Entry(actor, nameof(ReviewNote), note.Id, nameof(ReviewNote.SentAt), null, actor.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }

        db.ChangeLog.AddRange(log);
        await NotificationOutbox.ChallengesSentAsync(db, receipt, ReviewNoteRules.Summary(unsent.Where(n => n.NeedsAnswer).Select(n => (n.Kind, n.WantedBy))), Now, ct);
        await db.SaveChangesAsync(ct);
        return [];
    }
}
