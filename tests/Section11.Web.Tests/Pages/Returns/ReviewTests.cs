using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

/// <summary>
/// The agency's answers to a partnership's review at /returns/{id}/reviews/{receiptId}: plain form posts, a refused send
/// that keeps what was typed, a draft, then sending them all.
/// </summary>
[Trait("Category", "Review")]
public sealed class ReviewTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task The_lead_drafts_and_sends_answers_to_the_challenges_and_the_review_goes_back_to_the_reviewers()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: r.PartnershipId, name: "Ada Admin");
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, r.Summary.AgencyId, name: "Lee Lead");
        var wanted = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(10);
        using (var scope = factory.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            Assert.Empty(await services.GetRequiredService<ReviewService>().ActAsync(r.ReceiptId, ReviewAction.Start, admin.UserId));
            var items = (await services.GetRequiredService<ModerationService>().GetStandardAsync(r.ReceiptId, 1))!.Items.Select(i => i.ItemId).ToArray();
            var notes = services.GetRequiredService<ReviewNoteService>();
            Assert.Empty(await notes.AddAsync(r.ReceiptId, 1, new(items[0], "Comment", "A good plan", DateInput.Empty), admin.UserId));
            Assert.Empty(await notes.AddAsync(r.ReceiptId, 1, new(items[0], "Challenge", "Who is the named person?", DateInput.Empty), admin.UserId));
            Assert.Empty(await notes.AddAsync(r.ReceiptId, 1, new(items[1], "EvidenceRequest", "The training record", DateInput.From(wanted)), admin.UserId));
            Assert.Empty(await notes.SendToAgencyAsync(r.ReceiptId, admin.UserId));
        }

        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var url = Links.ReturnReview(r.Summary.Id, r.ReceiptId);
        var page = await client.GetAsync(url);
        Assert.Equal("Awaiting agency", page.Text("#review-state"));
        Assert.NotNull(page.Document.QuerySelector("#to-answer"));
        // A comment needs no answer: one box for the challenge, one for the evidence request.
        Assert.Equal(["Answers[0].Text", "Answers[1].Text"], page.Document.QuerySelectorAll("textarea").Select(t => t.GetAttribute("name")!));
        Assert.Equal(["A good plan", "Who is the named person?", "The training record"], page.Document.QuerySelectorAll(".app-note-text").Select(e => e.TextContent.Trim()));

        // Sending with one answer blank is refused, and what was typed stays.
        var send = Links.ReturnReviewHandler(r.Summary.Id, r.ReceiptId, "Send");
        var refused = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Answers[0].Text"] = "Sam Smith, the named doctor." }, formSelector: "main form", formAction: send);
        Assert.Equal(["Enter your answer to the evidence request on 1.2"], refused.ErrorSummary);
        Assert.Equal("Sam Smith, the named doctor.", refused.Document.QuerySelector("textarea[name='Answers[0].Text']")!.TextContent.Trim());
        Assert.Equal("Awaiting agency", refused.Text("#review-state"));

        // Saved as a draft from the refused page: kept for the agency only, shown again when the lead comes back.
        var drafted = await client.FollowAsync(await client.SubmitAsync(refused, new Dictionary<string, string?>()));
        Assert.Equal("Your answers are saved as a draft. The partnership cannot see them until you send them.", drafted.Text("#confirmation"));
        Assert.Equal("Sam Smith, the named doctor.", drafted.Document.QuerySelector("textarea[name='Answers[0].Text']")!.TextContent.Trim());
        await using (var db = factory.Database.CreateContext())
        {
            var answers = await db.ReviewAnswers.Where(a => a.ReceiptId == r.ReceiptId).ToListAsync();
            Assert.Equal([("Sam Smith, the named doctor.", false)], answers.Select(a => (a.Text, a.SentAt is not null)));
        }

        var sent = await client.FollowAsync(await client.SubmitAsync(drafted,
            new Dictionary<string, string?> { ["Answers[1].Text"] = "Attached to the practice's training log, March 2026." }, formSelector: "main form", formAction: send));
        Assert.Empty(sent.ErrorSummary);
        Assert.StartsWith("Your answers have been sent to ", sent.Text("#confirmation"), StringComparison.Ordinal);
        Assert.Equal("In review", sent.Text("#review-state"));
        Assert.Empty(sent.Document.QuerySelectorAll("textarea"));
        Assert.Equal(["Sam Smith, the named doctor.", "Attached to the practice's training log, March 2026."],
            sent.Document.QuerySelectorAll(".app-answer-text").Select(e => e.TextContent.Trim()));
        Assert.All(sent.Document.QuerySelectorAll(".app-answer-by"), e => Assert.StartsWith("Lee Lead, sent ", e.TextContent.Trim(), StringComparison.Ordinal));

        await using var check = factory.Database.CreateContext();
        Assert.Equal(ReviewState.InReview, (await check.Receipts.SingleAsync(x => x.Id == r.ReceiptId)).ReviewState);
        Assert.Single(await check.Notifications.Where(n => n.Kind == NotificationKinds.AgencyAnswered && n.UserId == admin.UserId).ToListAsync());

        // Another agency's lead gets nothing of it.
        var stranger = await factory.CreateLeadAsync("masa-2018");
        using var other = factory.CreateHtmlClient();
        await other.SignInAsync(stranger.Email);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.GetAsync(url)).Response.StatusCode);
    }
}
