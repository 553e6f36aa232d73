using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Review.Exports;
using Section11.Core.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Core.Tests.Review;

/// <summary>Feedback letters: drafted from the moderation, the refusals, sending (frozen, emailed) and the files (docs/review.md#feedback-letters).</summary>
[Trait("Category", "Review")]
public sealed class FeedbackLetterTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private const string PdfToText = "/usr/bin/pdftotext";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private ReviewService Reviews(Section11DbContext db) => new(db, _catalog, _time);

    private FeedbackLetterService Letters(Section11DbContext db) => new(db, _catalog, Reviews(db), _time);

    private ModerationService Moderation(Section11DbContext db) => new(db, _catalog, Reviews(db), _time);

    private static LetterInput Input(string? opening = "Dear Agency", DateOnly? followUp = null, string? strengths = "Good leadership", string? actions = "Update the plan") =>
        new(opening, strengths, actions, DateInput.From(followUp));

    /// <summary>
    /// Every item self-rated Met (worth 2): 1.1 moderated 2 (agrees), 1.2 moderated 1 (down, below the standard), the
    /// evaluation of standard 1 moderated 3 (up), 2.1 not moderated; a challenge on 1.1 never answered.
    /// </summary>
    private async Task<(ReviewTestData.ReviewedReceipt Receipt, string Admin)> ModeratedAsync(bool finish = true)
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        Assert.Empty(await Reviews(db).ActAsync(r.ReceiptId, ReviewAction.Start, admin));
        var items = (await Moderation(db).GetStandardAsync(r.ReceiptId, 1))!.Items.Select(i => i.ItemId).ToArray();
        Assert.Empty(await Moderation(db).SaveStandardAsync(r.ReceiptId, 1,
            [new(items[0], "2", null), new(items[1], "1", "The business plan does not mention safeguarding"), new(null, "3", "Practice is embedded")], admin));
        Assert.Empty(await new ReviewNoteService(db, _catalog, Reviews(db), _time).AddAsync(r.ReceiptId, 1, new(items[0], "Challenge", "Who is the named person?", DateInput.Empty), admin));
        if (finish)
        {
            Assert.Empty(await Reviews(db).ActAsync(r.ReceiptId, ReviewAction.Finish, admin));
        }

        return (r, admin);
    }

    [Fact]
    public void The_rules_need_an_opening_keep_texts_within_the_limit_and_a_follow_up_date_today_or_later_to_send()
    {
        var tooLong = new string('x', InputLimits.LongText + 1);
        var (errors, _) = FeedbackLetterRules.Check(new(" ", tooLong, null, new DateInput("31", "2", "2027")), Today, sending: false);
        Assert.Equal(["Opening", "Strengths", "FollowUp"], errors.Select(e => e.Key));
        Assert.Equal("Enter the opening of the letter", errors[0].Message);
        Assert.Equal("The strengths must be 10,000 characters or fewer", errors[1].Message);

        // A draft may leave out the date; sending may not, nor date it yesterday.
        Assert.Empty(FeedbackLetterRules.Check(Input(), Today, sending: false).Errors);
        Assert.Equal(["Enter the date the partnership will follow up"], FeedbackLetterRules.Check(Input(), Today, sending: true).Errors.Select(e => e.Message));
        Assert.Equal(["The follow-up date must be today or in the future"],
            FeedbackLetterRules.Check(Input(followUp: Today.AddDays(-1)), Today, sending: true).Errors.Select(e => e.Message));
        var (none, values) = FeedbackLetterRules.Check(Input(" Dear  Agency ", Today, " ", null), Today, sending: true);
        Assert.Empty(none);
        Assert.Equal(("Dear  Agency", null, null, Today), (values.Opening, values.Strengths, values.RequiredActions, values.FollowUpOn));
    }

    [Fact]
    public async Task A_letter_waits_for_the_moderation_to_finish()
    {
        var (r, admin) = await ModeratedAsync(finish: false);
        await using var db = database.CreateContext();

        var page = (await Letters(db).GetAsync(r.ReceiptId))!;
        Assert.False(page.IsOpen);
        Assert.Null(page.Status);
        Assert.Equal([FeedbackLetterRules.DraftRefusal], (await Letters(db).SaveDraftAsync(r.ReceiptId, Input(), admin)).Select(e => e.Message));
        Assert.Equal([FeedbackLetterRules.DraftRefusal], (await Letters(db).SendAsync(r.ReceiptId, Input(followUp: Today), admin)).Select(e => e.Message));
        Assert.False(await db.FeedbackLetters.AnyAsync(l => l.ReceiptId == r.ReceiptId));
    }

    [Fact]
    public async Task The_draft_is_drawn_from_the_moderation_and_saved_with_the_change_log()
    {
        var (r, admin) = await ModeratedAsync();
        await using var db = database.CreateContext();
        var agency = await db.Agencies.Where(a => a.Id == r.Summary.AgencyId).Select(a => a.Name).SingleAsync();

        var page = (await Letters(db).GetAsync(r.ReceiptId))!;
        Assert.True(page.IsOpen);
        Assert.Null(page.Status);
        Assert.StartsWith($"Thank you for {Wording.Possessive(agency)} Section 11 return", page.Values.Opening, StringComparison.Ordinal);
        // Strengths: 1.1 agreed at a level that meets the standard, the evaluation moderated up; not 1.2 (below it).
        Assert.Equal(["1.1: A named person at senior management level is identified.", "Standard 1 evaluation: Leadership and accountability"], page.Values.Strengths!.Split('\n'));
        Assert.Equal(["1.1: Answer the challenge: Who is the named person?", "1.2: Bring this up to the standard: The business plan does not mention safeguarding"],
            page.Values.RequiredActions!.Split('\n'));
        Assert.True(page.Values.FollowUp.IsEmpty);
        Assert.Equal([("1.2", "Met", "1", "Moderated down", "The business plan does not mention safeguarding"), ("Standard 1 evaluation", "Met", "3", "Moderated up", "Practice is embedded")],
            page.Document.Changes.Select(c => (c.What, c.Self, c.Moderated, c.Direction, c.Reason)));
        Assert.True(page.Document.IsDraft);
        Assert.Equal(agency, page.Document.AgencyName);

        // Bad input: each error, and nothing saved.
        var refused = await Letters(db).SaveDraftAsync(r.ReceiptId, new("", null, null, new DateInput("40", "1", "2027")), admin);
        Assert.Equal(["Opening", "FollowUp"], refused.Select(e => e.Key));
        Assert.False(await db.FeedbackLetters.AnyAsync(l => l.ReceiptId == r.ReceiptId));

        Assert.Empty(await Letters(db).SaveDraftAsync(r.ReceiptId, Input(actions: " Update the plan\nName the lead "), admin));
        _time.Now = Now.AddHours(1);
        Assert.Empty(await Letters(db).SaveDraftAsync(r.ReceiptId, Input(actions: "Update the plan\nName the lead", followUp: Today.AddDays(40)), admin));
        await using var check = database.CreateContext();
        var letter = await check.FeedbackLetters.SingleAsync(l => l.ReceiptId == r.ReceiptId);
        Assert.Equal((LetterStatus.Draft, "Update the plan\nName the lead", Today.AddDays(40), (DateTime?)null), (letter.Status, letter.RequiredActions, letter.FollowUpOn, letter.SentAt));
        var log = await check.ChangeLog.Where(c => c.EntityType == nameof(FeedbackLetter) && c.EntityId == letter.Id.ToString()).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([("Opening", null, "Dear Agency"), ("Strengths", null, "Good leadership"), ("RequiredActions", null, "Update the plan\nName the lead"), ("FollowUpOn", null, "2027-01-11")],
            log.Select(c => (c.Field, c.OldValue, c.NewValue)));
        Assert.All(log, c => Assert.Null(c.ReturnId));

        // A draft is never the agency's to read.
        Assert.Null(await Letters(check).GetSentAsync(r.ReceiptId));
        Assert.Empty(await Letters(check).GetSentForReturnAsync(r.Summary.Id));
    }

    [Fact]
    public async Task Sending_needs_a_follow_up_date_emails_the_leads_once_and_freezes_the_letter()
    {
        var (r, admin) = await ModeratedAsync();
        await using var db = database.CreateContext();
        var returnId = r.Summary.Id;

        Assert.Equal(["FollowUp"], (await Letters(db).SendAsync(r.ReceiptId, Input(), admin)).Select(e => e.Key));
        Assert.Equal(["The follow-up date must be today or in the future"], (await Letters(db).SendAsync(r.ReceiptId, Input(followUp: Today.AddDays(-1)), admin)).Select(e => e.Message));
        Assert.False(await db.FeedbackLetters.AnyAsync(l => l.ReceiptId == r.ReceiptId));
        Assert.False(await db.Notifications.AnyAsync(n => n.Kind == NotificationKinds.LetterSent));

        Assert.Empty(await Letters(db).SendAsync(r.ReceiptId, Input(followUp: Today.AddDays(90)), admin));
        await using (var check = database.CreateContext())
        {
            var letter = await check.FeedbackLetters.SingleAsync(l => l.ReceiptId == r.ReceiptId);
            Assert.Equal((LetterStatus.Sent, Now.UtcDateTime, admin), (letter.Status, letter.SentAt, letter.SentById));
            Assert.Equal(2, letter.Changes!.Count);
            Assert.Contains(await check.ChangeLog.Where(c => c.EntityType == nameof(FeedbackLetter) && c.Field == "Status").Select(c => c.NewValue).ToListAsync(), v => v == "Sent");

            // Letter sent: the agency's leads, essential, linking to the letter on their return.
            var email = Assert.Single(await check.Notifications.Where(n => n.Kind == NotificationKinds.LetterSent).ToListAsync());
            Assert.Equal((r.AgencyUser, $"/returns/{returnId}/letters/{r.ReceiptId}", returnId), (email.UserId, email.Path, email.ReturnId));
            Assert.True(NotificationKinds.IsEssential(email.Kind));
            var body = NotificationEmails.Message("lead@test.example", "Lee", email.Kind, NotificationOutbox.ReadFacts(email.Facts), "https://s11.example" + email.Path).Body;
            Assert.Contains("It will follow up on 2 March 2027.", body, StringComparison.Ordinal);
            Assert.Contains("https://s11.example/returns/", body, StringComparison.Ordinal);
        }

        // The agency reads it now, signed by the sender.
        var sent = (await Letters(db).GetSentAsync(r.ReceiptId))!;
        Assert.False(sent.IsDraft);
        Assert.Equal("Ada Admin", sent.SignedBy);
        Assert.Equal(r.ReceiptId, Assert.Single(await Letters(db).GetSentForReturnAsync(returnId)).ReceiptId);

        // Frozen: reopening the review and agreeing 1.2 after all changes nothing in the letter, and nothing can change it.
        Assert.Empty(await Reviews(db).ActAsync(r.ReceiptId, ReviewAction.Reopen, admin));
        var items = (await Moderation(db).GetStandardAsync(r.ReceiptId, 1))!.Items.Select(i => i.ItemId).ToArray();
        Assert.Empty(await Moderation(db).SaveStandardAsync(r.ReceiptId, 1, [new(items[1], "2", null), new(null, "2", null)], admin));
        Assert.Empty(await Reviews(db).ActAsync(r.ReceiptId, ReviewAction.Finish, admin));
        await using (var check = database.CreateContext())
        {
            Assert.Equal(["1.2", "Standard 1 evaluation"], (await Letters(check).GetSentAsync(r.ReceiptId))!.Changes.Select(c => c.What));
            Assert.Equal([FeedbackLetterRules.SentRefusal], (await Letters(check).SaveDraftAsync(r.ReceiptId, Input("Changed"), admin)).Select(e => e.Message));
            Assert.Equal([FeedbackLetterRules.SentRefusal], (await Letters(check).SendAsync(r.ReceiptId, Input(followUp: Today), admin)).Select(e => e.Message));
            Assert.Equal("Dear Agency", (await check.FeedbackLetters.SingleAsync(l => l.ReceiptId == r.ReceiptId)).Opening);
            Assert.Single(await check.Notifications.Where(n => n.Kind == NotificationKinds.LetterSent).ToListAsync());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_administrators_sending_at_the_same_instant_send_one_letter_and_one_email(bool draftFirst)
    {
        var (r, admin) = await ModeratedAsync();
        await using (var db = database.CreateContext())
        {
            var other = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Otto Other");
            if (draftFirst)
            {
                Assert.Empty(await Letters(db).SaveDraftAsync(r.ReceiptId, Input(), admin));
            }

            // Each on its own context, as two web nodes would be: both find the letter unsent (or missing) and send.
            await using var one = database.CreateContext();
            await using var two = database.CreateContext();
            var results = await Task.WhenAll(
                Task.Run(() => Letters(one).SendAsync(r.ReceiptId, Input("From Ada", Today.AddDays(30)), admin)),
                Task.Run(() => Letters(two).SendAsync(r.ReceiptId, Input("From Otto", Today.AddDays(60)), other)));
            Assert.Single(results, errors => errors.Count == 0);
            var refused = Assert.Single(Assert.Single(results, errors => errors.Count > 0));
            Assert.Contains(refused.Message, new[] { FeedbackLetterRules.RaceRefusal, FeedbackLetterRules.SentRefusal });
        }

        await using var check = database.CreateContext();
        var letter = await check.FeedbackLetters.SingleAsync(l => l.ReceiptId == r.ReceiptId);
        Assert.Equal(LetterStatus.Sent, letter.Status);
        Assert.Equal(letter.SentById == admin ? "From Ada" : "From Otto", letter.Opening);
        Assert.Single(await check.Notifications.Where(n => n.Kind == NotificationKinds.LetterSent && n.ReturnId == r.Summary.Id).ToListAsync());
        var id = letter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(await check.ChangeLog.Where(c => c.EntityType == nameof(FeedbackLetter) && c.EntityId == id && c.Field == "Status" && c.NewValue == "Sent").ToListAsync());
    }

    [Fact]
    public void The_entity_refuses_to_change_once_sent()
    {
        var letter = new FeedbackLetter { Opening = "Dear", UpdatedById = "u", FollowUpOn = Today };
        var log = new List<Auditing.ChangeLogEntry>();
        var actor = new Auditing.Actor("u", Now.UtcDateTime);
        Assert.Null(letter.Send([new("1.1", "Text", "Met", "1", "Moderated down", "Why")], actor, Today, log));
        Assert.Equal("1.1", Assert.Single(letter.Changes!).What);
        Assert.Equal(FeedbackLetterRules.SentRefusal, letter.Update(new("Other", null, null, Today), actor, log));
        Assert.Equal(FeedbackLetterRules.SentRefusal, letter.Send([], actor, Today, log));
        Assert.Equal("Dear", letter.Opening);
    }

    private static LetterDocument Sample(bool draft) => new("Birch Police", "Northshire Partnership", "Section 11 audit 2026", new DateOnly(2026, 12, 2),
        "Thank you for your return.\nWe read it with care.", [new("1.2", "Safeguarding is in the business plan.", "Met", "1", "Moderated down", "The plan does not mention it")],
        "1.1 A named lead\nStandard 1 evaluation", "1.2 Update the plan", new DateOnly(2027, 3, 2), draft ? null : "Ada Admin", draft);

    [Fact]
    public void The_pdf_has_every_part_of_the_letter_as_text()
    {
        var bytes = FeedbackLetterPdf.ToBytes(Sample(draft: false));
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        if (!File.Exists(PdfToText))
        {
            output.WriteLine("pdftotext is not installed: the text of the PDF was not checked");
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), $"letter-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(PdfToText, [path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            foreach (var expected in new[] { "Feedback on your Section 11 return: Section 11 audit 2026", "To Birch Police, from Northshire Partnership", "2 December 2026",
                "Grades that changed", "The plan does not mention it", "Strengths", "1.1 A named lead", "Required actions", "1.2 Update the plan",
                "Northshire Partnership will follow up on 2 March 2027.", "Ada Admin, for Northshire Partnership", "Page 1 of 1" })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("Draft", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_draft_file_says_it_is_a_draft()
    {
        using var stream = new MemoryStream(FeedbackLetterDocx.ToBytes(Sample(draft: true)));
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("Draft: not sent", text, StringComparison.Ordinal);
        Assert.Contains("The plan does not mention it", text, StringComparison.Ordinal);
        Assert.Equal("Feedback on your Section 11 return: Section 11 audit 2026", document.PackageProperties.Title);
    }
}
