using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Review;

/// <summary>Challenges, comments and evidence requests per item, and sending them to the agency (docs/review.md).</summary>
[Trait("Category", "Review")]
public sealed class ReviewNoteTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 2);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private static NoteInput Note(string? kind, string? text, string? day = null, string? month = null, string? year = null) => new(1, kind, text, new DateInput(day, month, year));

    [Fact]
    public void A_note_needs_a_kind_and_text_and_an_evidence_request_a_date_today_or_later()
    {
        Assert.Equal(["Select whether this is a challenge, a comment or an evidence request", "Enter the challenge, comment or evidence request"],
            ReviewNoteRules.Check(Note(null, " "), Today).Errors.Select(e => e.Message));
        Assert.Equal(["Kind"], ReviewNoteRules.Check(Note("7", "Why?"), Today).Errors.Select(e => e.Key));
        Assert.Equal(["Enter the date the evidence is wanted by"], ReviewNoteRules.Check(Note("EvidenceRequest", "The policy"), Today).Errors.Select(e => e.Message));
        Assert.Equal(["The date the evidence is wanted by must be a real date"], ReviewNoteRules.Check(Note("EvidenceRequest", "The policy", "31", "2", "2027"), Today).Errors.Select(e => e.Message));
        Assert.Equal(["The date the evidence is wanted by must be today or in the future"], ReviewNoteRules.Check(Note("EvidenceRequest", "The policy", "1", "12", "2026"), Today).Errors.Select(e => e.Message));
        Assert.Equal(["The note must be 10,000 characters or fewer"], ReviewNoteRules.Check(Note("Comment", new string('x', InputLimits.LongText + 1)), Today).Errors.Select(e => e.Message));

        var request = ReviewNoteRules.Check(Note("EvidenceRequest", "  The  policy ", "2", "12", "2026"), Today);
        Assert.Empty(request.Errors);
        Assert.Equal((NoteKind.EvidenceRequest, new DateOnly(2026, 12, 2)), (request.Kind, request.WantedBy));
        // A challenge or a comment has no date: one typed by mistake is not kept.
        var challenge = ReviewNoteRules.Check(Note("Challenge", "Why Met?", "1", "1", "2020"), Today);
        Assert.Empty(challenge.Errors);
        Assert.Null(challenge.WantedBy);
        Assert.True(ReviewNoteRules.NeedsAnswer(NoteKind.Challenge) && ReviewNoteRules.NeedsAnswer(NoteKind.EvidenceRequest) && !ReviewNoteRules.NeedsAnswer(NoteKind.Comment));
    }

    [Fact]
    public void The_summary_counts_what_the_agency_must_answer()
    {
        Assert.Equal("3 challenges, 1 evidence request due 12 March 2027", ReviewNoteRules.Summary(
            [(NoteKind.Challenge, null), (NoteKind.Challenge, null), (NoteKind.Challenge, null), (NoteKind.EvidenceRequest, new DateOnly(2027, 3, 12))]));
        Assert.Equal("1 challenge", ReviewNoteRules.Summary([(NoteKind.Challenge, null)]));
        Assert.Equal("2 evidence requests, the first due 1 March 2027", ReviewNoteRules.Summary(
            [(NoteKind.EvidenceRequest, new DateOnly(2027, 3, 12)), (NoteKind.EvidenceRequest, new DateOnly(2027, 3, 1))]));
    }

    [Fact]
    public async Task Notes_are_added_while_the_review_is_open_and_sent_to_the_agencys_leads_with_the_review_moved_to_awaiting_agency()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var reviews = new ReviewService(db, _catalog, _time);
        var notes = new ReviewNoteService(db, _catalog, reviews, _time);
        var items = (await new ModerationService(db, _catalog, reviews, _time).GetStandardAsync(r.ReceiptId, 1))!.Items;

        Assert.Equal(["Start the review (or reopen it) to add challenges, comments or evidence requests."],
            (await notes.AddAsync(r.ReceiptId, 1, new NoteInput(items[0].ItemId, "Challenge", "Why?", DateInput.Empty), admin)).Select(e => e.Message));
        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin));

        // An item of another standard (or none) is not offered; every problem comes back at once.
        var wrong = await notes.AddAsync(r.ReceiptId, 1, new NoteInput(0, null, null, DateInput.Empty), admin);
        Assert.Equal(["Note.ItemId", "Note.Kind", "Note.Text"], wrong.Select(e => e.Key));
        Assert.False(wrong[0].Tampered);
        Assert.True((await notes.AddAsync(r.ReceiptId, 1, new NoteInput(int.MaxValue, "Comment", "Hi", DateInput.Empty), admin))[0].Tampered);

        Assert.Empty(await notes.AddAsync(r.ReceiptId, 1, new NoteInput(items[1].ItemId, "Comment", "A good plan", DateInput.Empty), admin));
        Assert.Equal(["Add a challenge or an evidence request before sending the review to the agency."], (await notes.SendToAgencyAsync(r.ReceiptId, admin)).Select(e => e.Message));
        Assert.Empty(await notes.AddAsync(r.ReceiptId, 1, new NoteInput(items[0].ItemId, "Challenge", "Who is the named person?", DateInput.Empty), admin));
        Assert.Empty(await notes.AddAsync(r.ReceiptId, 1, new NoteInput(items[0].ItemId, "EvidenceRequest", "The training record", new DateInput("12", "3", "2027")), admin));

        var thread = await notes.GetAsync(r.ReceiptId);
        Assert.Equal([(NoteKind.Comment, "A good plan"), (NoteKind.Challenge, "Who is the named person?"), (NoteKind.EvidenceRequest, "The training record")], thread.Select(n => (n.Kind, n.Text)));
        Assert.All(thread, n => Assert.Equal(("Ada Admin", (DateTime?)null), (n.Author, n.SentAt)));

        Assert.Empty(await notes.SendToAgencyAsync(r.ReceiptId, admin));
        await using var check = database.CreateContext();
        Assert.Equal(ReviewState.AwaitingAgency, await check.Receipts.Where(x => x.Id == r.ReceiptId).Select(x => x.ReviewState).SingleAsync());
        Assert.All(await check.ReviewNotes.Where(n => n.ReceiptId == r.ReceiptId).ToListAsync(), n => Assert.Equal(Now.UtcDateTime, n.SentAt));
        Assert.Equal(3, await check.ChangeLog.CountAsync(c => c.EntityType == "ReviewNote" && c.Field == "SentAt"));
        Assert.Equal(0, await check.ChangeLog.CountAsync(c => c.EntityType == "ReviewNote" && c.ReturnId != null));

        // The email: the agency's lead only (essential), its subject, the return's overview, and what is asked.
        var sent = await check.Notifications.Where(n => n.Kind == NotificationKinds.ChallengesSent).ToListAsync();
        var email = Assert.Single(sent);
        Assert.Equal(r.AgencyUser, email.UserId);
        Assert.True(NotificationKinds.IsEssential(NotificationKinds.ChallengesSent));
        Assert.Equal($"/returns/{r.Summary.Id}", email.Path);
        var names = await check.Receipts.Where(x => x.Id == r.ReceiptId).Select(x => new { Agency = x.Agency.Name, Partnership = x.Round.Partnership.Name }).SingleAsync();
        Assert.Equal($"{names.Partnership} has challenges about {Wording.Possessive(names.Agency)} return for you to answer", email.Subject);
        var message = NotificationEmails.Message("lead@test.example", "Lee", email.Kind, NotificationOutbox.ReadFacts(email.Facts), "https://s11.example" + email.Path);
        Assert.Contains("1 challenge, 1 evidence request due 12 March 2027", message.Body);
        Assert.Contains("https://s11.example" + email.Path, message.HtmlBody);

        // Awaiting the agency: not sent again; a note added now waits for the next sending.
        Assert.Equal(["Only a review in progress can be sent to the agency."], (await new ReviewNoteService(check, _catalog, new ReviewService(check, _catalog, _time), _time).SendToAgencyAsync(r.ReceiptId, admin)).Select(e => e.Message));
    }
}
