using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Review;

/// <summary>The agency's side of the review: its answers, drafts and sending, and the emails around them (docs/review.md).</summary>
[Trait("Category", "Review")]
public sealed class ReviewAnswerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private sealed record Sent(ReviewTestData.ReviewedReceipt Receipt, string Admin, string Reviewer, int[] ItemIds);

    private ReviewService Reviews(Section11DbContext db) => new(db, _catalog, _time);

    private ReviewNoteService Notes(Section11DbContext db) => new(db, _catalog, Reviews(db), _time);

    private ReviewAnswerService Answers(Section11DbContext db) => new(db, _catalog, _time);

    /// <summary>A review with a comment, a challenge and an evidence request (wanted in 3 days) sent to the agency, and Rita assigned (or nobody).</summary>
    private async Task<Sent> SentAsync(bool assign = true)
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var rita = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipReviewer, "Rita Reviewer");
        if (assign)
        {
            Assert.Empty(await Reviews(db).AssignAsync(r.ReceiptId, [rita], admin));
        }

        Assert.Empty(await Reviews(db).ActAsync(r.ReceiptId, ReviewAction.Start, admin));
        var items = (await new ModerationService(db, _catalog, Reviews(db), _time).GetStandardAsync(r.ReceiptId, 1))!.Items.Select(i => i.ItemId).ToArray();
        var due = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(3);
        Assert.Empty(await Notes(db).AddAsync(r.ReceiptId, 1, new(items[0], "Comment", "A good plan", DateInput.Empty), admin));
        Assert.Empty(await Notes(db).AddAsync(r.ReceiptId, 1, new(items[0], "Challenge", "Who is the named person?", DateInput.Empty), admin));
        Assert.Empty(await Notes(db).AddAsync(r.ReceiptId, 1, new(items[1], "EvidenceRequest", "The training record", DateInput.From(due)), admin));
        Assert.Empty(await Notes(db).SendToAgencyAsync(r.ReceiptId, admin));
        return new(r, admin, rita, items);
    }

    [Fact]
    public void A_draft_may_be_blank_and_a_sent_answer_may_not_and_neither_may_be_too_long()
    {
        AnswerInput[] answers = [new(1, " "), new(2, new string('x', InputLimits.LongText + 1)), new(3, "Yes")];
        string About(int noteId) => $"the challenge on 1.{noteId}";
        Assert.Equal([("Answers[1].Text", "The answer to the challenge on 1.2 must be 10,000 characters or fewer")],
            ReviewAnswerRules.Check(answers, sending: false, About).Select(e => (e.Key, e.Message)));
        Assert.Equal([("Answers[0].Text", "Enter your answer to the challenge on 1.1"), ("Answers[1].Text", "The answer to the challenge on 1.2 must be 10,000 characters or fewer")],
            ReviewAnswerRules.Check(answers, sending: true, About).Select(e => (e.Key, e.Message)));
    }

    [Fact]
    public async Task The_agency_drafts_and_sends_its_answers_the_review_goes_back_in_progress_and_finishing_it_tells_the_agency()
    {
        var s = await SentAsync();
        var r = s.Receipt;
        await using var db = database.CreateContext();
        var returnId = r.Summary.Id;
        var before = await db.Returns.AsNoTracking().SingleAsync(x => x.Id == returnId);

        // A note the reviewers add after sending is not the agency's to see.
        Assert.Empty(await Notes(db).AddAsync(r.ReceiptId, 1, new(s.ItemIds[1], "Challenge", "Not sent yet", DateInput.Empty), s.Admin));

        var task = Assert.Single(await Answers(db).GetTasksAsync(returnId));
        Assert.Equal((r.ReceiptId, "1 challenge, 1 evidence request due 5 December 2026", 0), (task.ReceiptId, task.Summary, task.Drafted));
        var page = (await Answers(db).GetAsync(r.ReceiptId))!;
        Assert.True(page.IsOpen);
        Assert.Equal(["A good plan", "Who is the named person?", "The training record"], page.Items.SelectMany(i => i.Notes).Select(n => n.Text));
        Assert.Equal(["Who is the named person?", "The training record"], page.Open.Select(n => n.Text));
        Assert.All(page.Items.SelectMany(i => i.Notes), n => Assert.Equal(("Ada Admin", Now.UtcDateTime), (n.Author, n.SentAt)));
        var (challenge, request) = (page.Open[0].NoteId, page.Open[1].NoteId);

        // A draft: the agency's alone, in the change log without a return id.
        Assert.Empty(await Answers(db).SaveDraftsAsync(r.ReceiptId, [new(challenge, " Dr Jones "), new(request, "")], r.AgencyUser));
        Assert.Equal(1, Assert.Single(await Answers(db).GetTasksAsync(returnId)).Drafted);
        Assert.Equal("Dr Jones", (await Answers(db).GetAsync(r.ReceiptId))!.Open[0].Draft);
        Assert.All(await Notes(db).GetAsync(r.ReceiptId), n => Assert.Null(n.Answer));

        // Sending with an empty answer: the error, and nothing saved or moved on.
        var refused = await Answers(db).SendAsync(r.ReceiptId, [new(challenge, "Dr Jones, named in March"), new(request, " ")], r.AgencyUser);
        Assert.Equal([("Answers[1].Text", "Enter your answer to the evidence request on 1.2")], refused.Select(e => (e.Key, e.Message)));
        await using (var check = database.CreateContext())
        {
            Assert.Equal(ReviewState.AwaitingAgency, await check.Receipts.Where(x => x.Id == r.ReceiptId).Select(x => x.ReviewState).SingleAsync());
            Assert.Equal("Dr Jones", await check.ReviewAnswers.Where(a => a.NoteId == challenge).Select(a => a.Text).SingleAsync());
        }

        // A forged note id (a comment, or a note not sent) is refused whole.
        Assert.Single(await Answers(db).SaveDraftsAsync(r.ReceiptId, [new(page.Items[0].Notes[0].NoteId, "Thanks")], r.AgencyUser));

        _time.Now = Now.AddHours(2);
        Assert.Empty(await Answers(db).SendAsync(r.ReceiptId, [new(challenge, "Dr Jones, named in March"), new(request, "Attached to our SharePoint")], r.AgencyUser));
        await using (var check = database.CreateContext())
        {
            Assert.Equal(ReviewState.InReview, await check.Receipts.Where(x => x.Id == r.ReceiptId).Select(x => x.ReviewState).SingleAsync());
            Assert.All(await check.ReviewAnswers.Where(a => a.ReceiptId == r.ReceiptId).ToListAsync(), a => Assert.Equal(Now.AddHours(2).UtcDateTime, a.SentAt));
            Assert.Equal(0, await check.ChangeLog.CountAsync(c => c.EntityType == nameof(ReviewAnswer) && c.ReturnId != null));
            Assert.Equal(2, await check.ChangeLog.CountAsync(c => c.EntityType == nameof(ReviewAnswer) && c.Field == "SentAt"));
            var answerId = await check.ReviewAnswers.Where(a => a.NoteId == challenge).Select(a => a.Id).SingleAsync();
            var texts = await check.ChangeLog.Where(c => c.EntityType == nameof(ReviewAnswer) && c.EntityId == answerId.ToString() && c.Field == "Text")
                .OrderBy(c => c.Id).Select(c => new { c.OldValue, c.NewValue }).ToListAsync();
            Assert.Equal([(null, "Dr Jones"), ("Dr Jones", "Dr Jones, named in March")], texts.Select(c => (c.OldValue, c.NewValue)));

            // The submitted return is as it was.
            var after = await check.Returns.AsNoTracking().SingleAsync(x => x.Id == returnId);
            Assert.Equal((before.Status, before.Revision, before.Version), (after.Status, after.Revision, after.Version));

            // "Agency answered": the assigned reviewer only, essential, to the review page.
            var email = Assert.Single(await check.Notifications.Where(n => n.Kind == NotificationKinds.AgencyAnswered && n.ReturnId == returnId).ToListAsync());
            Assert.Equal((s.Reviewer, $"/partnerships/{r.PartnershipId}/rounds/{r.RoundId}/reviews/{r.ReceiptId}"), (email.UserId, email.Path));
            var agency = await check.Agencies.Where(a => a.Id == r.Summary.AgencyId).Select(a => a.Name).SingleAsync();
            Assert.StartsWith($"{agency} has answered the challenges about its return", email.Subject);
            Assert.Contains("2 answers", NotificationEmails.Message("r@test.example", "Rita", email.Kind, NotificationOutbox.ReadFacts(email.Facts), "https://s11.example" + email.Path).Body);
            Assert.True(NotificationKinds.IsEssential(NotificationKinds.AgencyAnswered));
        }

        // The reviewers' thread: each note with the agency's sent answer; the agency has nothing left to answer.
        var thread = await Notes(db).GetAsync(r.ReceiptId);
        Assert.Equal([null, "Dr Jones, named in March", "Attached to our SharePoint", null], thread.Select(n => n.Answer?.Text));
        Assert.Equal("Test User", thread[1].Answer!.Author);
        Assert.Empty(await Answers(db).GetTasksAsync(returnId));
        Assert.Equal(["The partnership is not waiting for answers about this return."],
            (await Answers(db).SendAsync(r.ReceiptId, [new(challenge, "Again")], r.AgencyUser)).Select(e => e.Message));

        // Moderation finished: the agency's leads, once, to the agency's side of the review.
        Assert.Empty(await Reviews(db).ActAsync(r.ReceiptId, ReviewAction.Finish, s.Admin));
        await using (var check = database.CreateContext())
        {
            var finished = Assert.Single(await check.Notifications.Where(n => n.Kind == NotificationKinds.ModerationFinished && n.ReturnId == returnId).ToListAsync());
            Assert.Equal((r.AgencyUser, $"/returns/{returnId}/reviews/{r.ReceiptId}"), (finished.UserId, finished.Path));
            Assert.EndsWith("has finished moderating " + Wording.Possessive(await check.Agencies.Where(a => a.Id == r.Summary.AgencyId).Select(a => a.Name).SingleAsync()) + " return", finished.Subject);
        }
    }

    [Fact]
    public async Task With_no_reviewer_assigned_the_partnerships_administrators_hear_the_agency_answered()
    {
        var s = await SentAsync(assign: false);
        await using var db = database.CreateContext();
        var open = (await Answers(db).GetAsync(s.Receipt.ReceiptId))!.Open;
        Assert.Empty(await Answers(db).SendAsync(s.Receipt.ReceiptId, [.. open.Select(n => new AnswerInput(n.NoteId, "Our answer"))], s.Receipt.AgencyUser));
        var to = await db.Notifications.Where(n => n.Kind == NotificationKinds.AgencyAnswered && n.ReturnId == s.Receipt.Summary.Id).Select(n => n.UserId).ToListAsync();
        Assert.Equal([s.Admin], to);
    }

    [Fact]
    public async Task The_evidence_due_reminder_goes_to_the_leads_once_when_the_date_comes_and_not_for_an_answered_request()
    {
        var s = await SentAsync();
        var r = s.Receipt;
        var answered = await SentAsync();
        await using (var db = database.CreateContext())
        {
            var open = (await Answers(db).GetAsync(answered.Receipt.ReceiptId))!.Open;
            Assert.Empty(await Answers(db).SendAsync(answered.Receipt.ReceiptId, [.. open.Select(n => new AnswerInput(n.NoteId, "Here"))], answered.Receipt.AgencyUser));
        }

        async Task<int> RunAsync()
        {
            await using var db = database.CreateContext();
            return await new EvidenceReminderService(db, _time).SendDueAsync();
        }

        async Task<List<Notification>> RemindersAsync(int returnId)
        {
            await using var db = database.CreateContext();
            return await db.Notifications.Where(n => n.Kind == NotificationKinds.EvidenceDue && n.ReturnId == returnId).ToListAsync();
        }

        _time.Now = Now.AddDays(2);
        await RunAsync();
        Assert.Empty(await RemindersAsync(r.Summary.Id));

        // The wanted-by date: one reminder, however many times (or nodes) look.
        _time.Now = Now.AddDays(3);
        await Task.WhenAll(RunAsync(), RunAsync());
        await RunAsync();
        _time.Now = Now.AddDays(4);
        await RunAsync();
        var reminder = Assert.Single(await RemindersAsync(r.Summary.Id));
        Assert.Equal((r.AgencyUser, $"/returns/{r.Summary.Id}/reviews/{r.ReceiptId}"), (reminder.UserId, reminder.Path));
        Assert.StartsWith("Evidence ", reminder.Subject);
        Assert.Contains("is due on 5 December 2026", reminder.Subject);
        Assert.False(NotificationKinds.IsEssential(NotificationKinds.EvidenceDue));
        Assert.Empty(await RemindersAsync(answered.Receipt.Summary.Id));
    }
}
