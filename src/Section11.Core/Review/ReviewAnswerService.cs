using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Notifications;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>One partnership's review waiting on the agency, as the return's overview lists it.</summary>
public sealed record ReviewTask(int ReceiptId, string PartnershipName, string RoundTitle, string Summary, int Drafted);

/// <summary>An answer as a thread shows it: what the agency said, who, and when it was sent.</summary>
public sealed record AnswerLine(string Text, string Author, DateTime SentAt, Surveys.SurveyCitation? Citation = null);

/// <summary>A sent note as the agency sees it, with its sent answer or the agency's draft.</summary>
public sealed record AgencyNote(int NoteId, NoteKind Kind, string Text, DateOnly? WantedBy, string Author, DateTime SentAt, AnswerLine? Answer, string? Draft,
    int? DraftCitation = null)
{
    /// <summary>A challenge or evidence request not yet answered: it has a text box.</summary>
    public bool IsOpen => ReviewNoteRules.NeedsAnswer(Kind) && Answer is null;
}

/// <summary>One item of the return with the thread of its sent notes.</summary>
public sealed record AgencyItem(int ItemId, int StandardNumber, string StandardTitle, string ItemNumber, string ItemText, IReadOnlyList<AgencyNote> Notes);

/// <summary>The agency's side of one partnership's review of its return.</summary>
public sealed record AgencyReview(int ReceiptId, int ReturnId, string PartnershipName, string RoundTitle, ReviewState State, IReadOnlyList<AgencyItem> Items,
    IReadOnlyList<Surveys.SurveyCitation>? Citable = null)
{
    /// <summary>The survey results the agency may cite with an answer (SurveyService's one list).</summary>
    public IReadOnlyList<Surveys.SurveyCitation> Offered => Citable ?? [];

    public bool IsOpen => ReviewAnswerRules.IsOpen(State);

    /// <summary>What needs an answer, in the order the page shows it (the order its text boxes post in).</summary>
    public IReadOnlyList<AgencyNote> Open => [.. Items.SelectMany(i => i.Notes).Where(n => n.IsOpen)];
}

/// <summary>
/// The agency's answers to the challenges and evidence requests a partnership sent: drafts while its lead writes,
/// then sent together, which puts the review back in progress and tells the reviewers. The return never changes.
/// </summary>
public sealed class ReviewAnswerService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The receipts of the return whose review awaits the agency, with what each asks: one statement.</summary>
    public async Task<IReadOnlyList<ReviewTask>> GetTasksAsync(int returnId, CancellationToken ct = default)
    {
        var open = await (from n in db.ReviewNotes.AsNoTracking()
                          join x in db.Receipts on n.ReceiptId equals x.Id
                          where x.ReturnId == returnId && x.ReviewState == ReviewState.AwaitingAgency && n.SentAt != null
                              && n.Kind != NoteKind.Comment && !db.ReviewAnswers.Any(a => a.NoteId == n.Id && a.SentAt != null)
                          select new
                          {
                              x.Id, Partnership = x.Round.Partnership.Name, Round = x.Round.Title, n.Kind, n.WantedBy,
                              Drafted = db.ReviewAnswers.Any(a => a.NoteId == n.Id),
                          }).ToListAsync(ct);
        return [.. open.GroupBy(n => (n.Id, n.Partnership, n.Round)).OrderBy(g => g.Key.Partnership).ThenBy(g => g.Key.Id)
            .Select(g => new ReviewTask(g.Key.Id, g.Key.Partnership, g.Key.Round, ReviewNoteRules.Summary(g.Select(n => (n.Kind, n.WantedBy))), g.Count(n => n.Drafted)))];
    }

    /// <summary>The review as the agency sees it: only notes that were sent (never the reviewers' unsent ones), by item.</summary>
    public async Task<AgencyReview?> GetAsync(int receiptId, CancellationToken ct = default)
    {
        var receipt = await db.Receipts.AsNoTracking().Where(x => x.Id == receiptId && x.ReturnId != null)
            .Select(x => new { x.Id, ReturnId = x.ReturnId!.Value, x.RoundId, x.AgencyId, Partnership = x.Round.Partnership.Name, x.Round.Title, x.ReviewState })
            .SingleOrDefaultAsync(ct);
        if (receipt is null)
        {
            return null;
        }

        var notes = await (from n in db.ReviewNotes.AsNoTracking()
                           join u in db.Users on n.AuthorId equals u.Id
                           where n.ReceiptId == receiptId && n.SentAt != null
                           orderby n.SentAt, n.Id
                           select new { n.Id, n.ItemId, n.Kind, n.Text, n.WantedBy, Author = u.DisplayName, SentAt = n.SentAt!.Value }).ToListAsync(ct);
        var answers = await (from a in db.ReviewAnswers.AsNoTracking()
                             join u in db.Users on a.AuthorId equals u.Id
                             where a.ReceiptId == receiptId
                             select new { a.NoteId, a.Text, Author = u.DisplayName, a.SentAt, a.SurveyQuestionId }).ToListAsync(ct);
        var citable = await Surveys.SurveyService.CitableAsync(db, receipt.AgencyId, ct);
        var framework = await catalog.GetForRoundAsync(db, receipt.RoundId, ct);
        var items = framework.Standards.SelectMany(s => s.Items.Select(i => (Standard: s, Item: i)))
            .Where(p => notes.Any(n => n.ItemId == p.Item.Id))
            .Select(p => new AgencyItem(p.Item.Id, p.Standard.Number, p.Standard.Title, p.Item.Number, p.Item.Text, [.. notes.Where(n => n.ItemId == p.Item.Id).Select(n =>
            {
                var answer = answers.SingleOrDefault(a => a.NoteId == n.Id);
                return new AgencyNote(n.Id, n.Kind, n.Text, n.WantedBy, n.Author, n.SentAt,
                    answer?.SentAt is { } sent ? new AnswerLine(answer.Text, answer.Author, sent, citable.FirstOrDefault(c => c.QuestionId == answer.SurveyQuestionId)) : null,
                    answer?.SentAt is null ? answer?.Text : null, answer?.SentAt is null ? answer?.SurveyQuestionId : null);
            })]));
        return new(receipt.Id, receipt.ReturnId, receipt.Partnership, receipt.Title, receipt.ReviewState, [.. items], citable);
    }

    /// <summary>Keeps the answers as drafts (a blank one removes its draft). Only the agency sees them until they are sent.</summary>
    public Task<IReadOnlyList<FieldError>> SaveDraftsAsync(int receiptId, IReadOnlyList<AnswerInput> answers, string userId, CancellationToken ct = default) =>
        WriteAsync(receiptId, answers, userId, sending: false, ct);

    /// <summary>
    /// Sends every answer to the partnership at once: each open challenge and evidence request needs one. The review moves
    /// Awaiting agency → In review and the reviewers are emailed, in the same transaction. Nothing is saved on an error.
    /// </summary>
    public Task<IReadOnlyList<FieldError>> SendAsync(int receiptId, IReadOnlyList<AnswerInput> answers, string userId, CancellationToken ct = default) =>
        WriteAsync(receiptId, answers, userId, sending: true, ct);

    private async Task<IReadOnlyList<FieldError>> WriteAsync(int receiptId, IReadOnlyList<AnswerInput> answers, string userId, bool sending, CancellationToken ct)
    {
        var receipt = await db.Receipts.Include(x => x.Return).SingleAsync(x => x.Id == receiptId, ct);
        if (!ReviewAnswerRules.IsOpen(receipt.ReviewState))
        {
            return [new("", "The partnership is not waiting for answers about this return.")];
        }

        var openNotes = await db.ReviewNotes.Where(n => n.ReceiptId == receiptId && n.SentAt != null && n.Kind != NoteKind.Comment
            && !db.ReviewAnswers.Any(a => a.NoteId == n.Id && a.SentAt != null)).Select(n => new { n.Id, n.ItemId, n.Kind }).ToListAsync(ct);
        var open = openNotes.Select(n => n.Id).ToList();
        if (answers.Any(a => !open.Contains(a.NoteId)) || answers.Select(a => a.NoteId).Distinct().Count() != answers.Count
            || (sending && open.Any(id => answers.All(a => a.NoteId != id))))
        {
            // The form was drawn from another state of the review (or forged): nothing is saved.
            return [new("", "The challenges have changed since the page was opened. Check your answers and send them again.")];
        }

        // A survey result the page never offered (another agency's, an open survey's, too few answered): a forged form.
        var citable = await Surveys.SurveyService.CitableAsync(db, receipt.AgencyId, ct);
        if (answers.Any(a => a.SurveyQuestionId is { } q && citable.All(c => c.QuestionId != q)))
        {
            return [FieldError.NotOffered("", "Select a survey result from the list, or None.")];
        }

        var numbers = (await catalog.GetForRoundAsync(db, receipt.RoundId, ct)).Standards.SelectMany(s => s.Items).ToDictionary(i => i.Id, i => i.Number);
        var about = openNotes.ToDictionary(n => n.Id, n => $"the {n.Kind.Label().ToLowerInvariant()} on {numbers[n.ItemId]}");
        if (ReviewAnswerRules.Check(answers, sending, id => about[id]) is { Count: > 0 } errors)
        {
            return errors;
        }

        var actor = new Actor(userId, Now);
        var log = new List<ChangeLogEntry>();
        if (sending && receipt.Review(ReviewAction.AgencyAnswered, actor, log) is { } refused)
        {
            return [new("", refused)];
        }

        var drafts = await db.ReviewAnswers.Where(a => a.ReceiptId == receiptId && a.SentAt == null).ToListAsync(ct);
        var added = new List<ReviewAnswer>();
        var sent = new List<ReviewAnswer>();
        foreach (var input in answers)
        {
            var text = ReturnService.Normalise(input.Text) ?? "";
            var draft = drafts.SingleOrDefault(d => d.NoteId == input.NoteId);
            if (draft is null && text.Length == 0)
            {
                continue;
            }

            if (draft is null)
            {
                draft = new ReviewAnswer { NoteId = input.NoteId, ReceiptId = receiptId, Text = text, AuthorId = userId, UpdatedAt = actor.At };
                draft.Cite(input.SurveyQuestionId, actor, log);
                db.ReviewAnswers.Add(draft);
                added.Add(draft);
            }
            else if (text.Length == 0)
            {
                db.ReviewAnswers.Remove(draft);
                log.Add(ChangeRecorder.Entry(actor, nameof(ReviewAnswer), draft.Id, nameof(ReviewAnswer.Text), draft.Text, null));
                continue;
            }
            else
            {
                if (draft.Text != text)
                {
                    log.Add(ChangeRecorder.Entry(actor, nameof(ReviewAnswer), draft.Id, nameof(ReviewAnswer.Text), draft.Text, text));
                    (draft.Text, draft.AuthorId, draft.UpdatedAt) = (text, userId, actor.At);
                }

                draft.Cite(input.SurveyQuestionId, actor, log);
            }

            if (sending)
            {
                draft.SentAt = actor.At;
                sent.Add(draft);
            }
        }

        if (sending)
        {
            await NotificationOutbox.AgencyAnsweredAsync(db, receipt, Wording.Count(answers.Count, "answer", "answers"), actor.At, ct);
        }

        // A new answer's id comes from the insert: its change-log rows follow in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        log.AddRange(added.Select(a => ChangeRecorder.Entry(actor, nameof(ReviewAnswer), a.Id, nameof(ReviewAnswer.Text), null, a.Text)));
        log.AddRange(added.Where(a => a.SurveyQuestionId is not null)
            .Select(a => ChangeRecorder.Entry(actor, nameof(ReviewAnswer), a.Id, nameof(ReviewAnswer.SurveyQuestionId), null, ReviewAnswer.Show(a.SurveyQuestionId))));
        log.AddRange(sent.Select(a => ChangeRecorder.Entry(actor, nameof(ReviewAnswer), a.Id, nameof(ReviewAnswer.SentAt), null, actor.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
        db.ChangeLog.AddRange(log);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }
}
