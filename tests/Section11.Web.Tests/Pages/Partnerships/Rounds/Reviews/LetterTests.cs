using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Review;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Reviews;

/// <summary>The partnership's feedback letter page: plain form posts, errors with everything typed kept, the draft, the send, and who may do what.</summary>
[Trait("Category", "Review")]
public sealed class LetterTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    /// <summary>A finished review: 1.2 moderated down with its reason, the rest agreeing.</summary>
    internal static async Task<(ReviewTestData.ReviewedReceipt Receipt, Section11Factory.Person Admin)> ModeratedAsync(Section11Factory factory)
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: r.PartnershipId, name: "Ada Admin");
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var reviews = services.GetRequiredService<ReviewService>();
        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin.UserId));
        var moderation = services.GetRequiredService<ModerationService>();
        var items = (await moderation.GetStandardAsync(r.ReceiptId, 1))!.Items.Select(i => i.ItemId).ToArray();
        Assert.Empty(await moderation.SaveStandardAsync(r.ReceiptId, 1, [new(items[0], "2", null), new(items[1], "1", "The business plan does not mention safeguarding")], admin.UserId));
        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Finish, admin.UserId));
        return (r, admin);
    }

    [Fact]
    public async Task The_administrator_edits_the_draft_keeps_what_was_typed_on_an_error_and_sends_the_letter()
    {
        var (r, admin) = await ModeratedAsync(factory);
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);
        var review = await client.GetAsync(Links.Review(r.PartnershipId, r.RoundId, r.ReceiptId));
        var url = Links.ReviewLetter(r.PartnershipId, r.RoundId, r.ReceiptId);
        Assert.Equal(url, review.Document.QuerySelector("#feedback-letter")!.GetAttribute("href"));

        var page = await client.GetAsync(url);
        Assert.Equal("Not saved yet", page.Text("#letter-status"));
        Assert.StartsWith("Thank you for ", page.Document.QuerySelector("textarea[name='Opening']")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("1.2: Bring this up to the standard", page.Document.QuerySelector("textarea[name='RequiredActions']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["1.2 Safeguarding is in the organisation's business plan.", "Met", "1", "Moderated down", "The business plan does not mention safeguarding"],
            page.Document.QuerySelectorAll("#letter-changes tbody tr:first-child > *").Select(c => c.TextContent.Trim()));
        Assert.NotNull(page.Document.QuerySelector("#letter-draft"));

        // A blank opening and a date that is not one: both in the error summary, everything typed kept, nothing saved.
        var wrong = await client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Opening"] = " ", ["Strengths"] = "Strong leadership", ["FollowUp.Day"] = "40", ["FollowUp.Month"] = "1", ["FollowUp.Year"] = "2027",
        });
        Assert.Equal(2, wrong.ErrorSummary.Count);
        Assert.Equal("Enter the opening of the letter", wrong.ErrorSummary[0]);
        Assert.StartsWith("The follow-up date ", wrong.ErrorSummary[1], StringComparison.Ordinal);
        Assert.Equal("Strong leadership", wrong.Document.QuerySelector("textarea[name='Strengths']")!.TextContent.Trim());
        Assert.Equal("40", wrong.Document.QuerySelector("input[name='FollowUp.Day']")!.GetAttribute("value"));
        await using (var db = factory.Database.CreateContext())
        {
            Assert.False(await db.FeedbackLetters.AnyAsync(l => l.ReceiptId == r.ReceiptId));
        }

        var drafted = await client.FollowAsync(await client.SubmitAsync(wrong, new Dictionary<string, string?>
        {
            ["Opening"] = "Dear colleagues", ["FollowUp.Day"] = "", ["FollowUp.Month"] = "", ["FollowUp.Year"] = "",
        }));
        Assert.Equal("The draft letter has been saved. The agency cannot see it until it is sent.", drafted.Text("#confirmation"));
        Assert.Equal("Draft", drafted.Text("#letter-status"));
        Assert.Equal("Dear colleagues", drafted.Text("#letter-opening"));
        Assert.Equal(["Strong leadership"], drafted.Document.QuerySelectorAll("#letter-strengths li").Select(l => l.TextContent.Trim()));

        // Sending needs the follow-up date; the refusal keeps what was typed.
        var send = Links.ReviewLetterHandler(r.PartnershipId, r.RoundId, r.ReceiptId, "Send");
        var noDate = await client.SubmitAsync(drafted, new Dictionary<string, string?> { ["Strengths"] = "Strong leadership\nA clear plan" }, formAction: send);
        Assert.Equal(["Enter the date the partnership will follow up"], noDate.ErrorSummary);
        Assert.Equal("Strong leadership\nA clear plan", noDate.Document.QuerySelector("textarea[name='Strengths']")!.TextContent.Trim());

        var followUp = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(60);
        var sent = await client.FollowAsync(await client.SubmitAsync(noDate, new Dictionary<string, string?>
        {
            ["FollowUp.Day"] = followUp.Day.ToString(CultureInfo.InvariantCulture), ["FollowUp.Month"] = followUp.Month.ToString(CultureInfo.InvariantCulture),
            ["FollowUp.Year"] = followUp.Year.ToString(CultureInfo.InvariantCulture),
        }, formAction: send));
        Assert.Empty(sent.ErrorSummary);
        Assert.Equal("The letter has been sent to the agency: its leads have been emailed a link to it", sent.Text("#confirmation"));
        Assert.StartsWith("Sent ", sent.Text("#letter-status"), StringComparison.Ordinal);
        Assert.EndsWith(" by Ada Admin", sent.Text("#letter-status"), StringComparison.Ordinal);
        Assert.Null(sent.Document.QuerySelector("#letter-form"));
        Assert.Null(sent.Document.QuerySelector("#letter-draft"));
        Assert.Equal(["Strong leadership", "A clear plan"], sent.Document.QuerySelectorAll("#letter-strengths li").Select(l => l.TextContent.Trim()));
        Assert.Contains(followUp.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), sent.Text("#letter-follow-up"), StringComparison.Ordinal);

        await using var check = factory.Database.CreateContext();
        var email = Assert.Single(await check.Notifications.Where(n => n.Kind == NotificationKinds.LetterSent && n.ReturnId == r.Summary.Id).ToListAsync());
        Assert.Equal((r.AgencyUser, Links.ReturnLetter(r.Summary.Id, r.ReceiptId)), (email.UserId, email.Path));

        // A forged post after sending changes nothing.
        var token = review.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var again = await client.PostAsync(send, [new("__RequestVerificationToken", token), new("Opening", "Changed")]);
        Assert.Equal([FeedbackLetterRules.SentRefusal], again.ErrorSummary);
    }

    [Fact]
    public async Task Reviewers_read_the_letter_and_its_files_but_only_administrators_send_it_and_agency_people_get_404()
    {
        var (r, admin) = await ModeratedAsync(factory);
        var ron = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: r.PartnershipId, name: "Ron Reviewer");
        var rita = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: r.PartnershipId, name: "Rita Assigned");
        using (var scope = factory.Services.CreateScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<ReviewService>().AssignAsync(r.ReceiptId, [rita.UserId], admin.UserId));
        }

        var url = Links.ReviewLetter(r.PartnershipId, r.RoundId, r.ReceiptId);
        foreach (var reviewer in new[] { ron, rita })
        {
            using var client = factory.CreateHtmlClient();
            await client.SignInAsync(reviewer.Email);
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
            Assert.NotNull(page.Document.QuerySelector("#read-only"));
            Assert.Null(page.Document.QuerySelector("#letter-form"));

            var token = page.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
                ?? (await client.GetAsync(Links.Review(r.PartnershipId, r.RoundId, r.ReceiptId))).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            var post = await client.PostAsync(Links.ReviewLetterHandler(r.PartnershipId, r.RoundId, r.ReceiptId, "Send"),
                [new("__RequestVerificationToken", token), new("Opening", "Dear"), new("FollowUp.Day", "1"), new("FollowUp.Month", "1"), new("FollowUp.Year", "2999")]);
            Assert.Equal(HttpStatusCode.Forbidden, post.Response.StatusCode);

            var docx = await client.GetAsync(Links.ReviewLetterFile(r.PartnershipId, r.RoundId, r.ReceiptId, "docx"));
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Response.Content.Headers.ContentType!.MediaType);
            var pdf = await client.Http.GetByteArrayAsync(Links.ReviewLetterFile(r.PartnershipId, r.RoundId, r.ReceiptId, "pdf"));
            Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Links.ReviewLetterFile(r.PartnershipId, r.RoundId, r.ReceiptId, "odt"))).Response.StatusCode);
        }

        await using (var db = factory.Database.CreateContext())
        {
            Assert.False(await db.FeedbackLetters.AnyAsync(l => l.ReceiptId == r.ReceiptId));
        }

        var lead = await factory.CreatePersonAsync(Role.AgencyLead, r.Summary.AgencyId, name: "Lee Lead");
        using var agency = factory.CreateHtmlClient();
        await agency.SignInAsync(lead.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync(url)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync(Links.ReviewLetterFile(r.PartnershipId, r.RoundId, r.ReceiptId, "pdf"))).Response.StatusCode);
    }
}
