using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Review;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Reviews;

/// <summary>Challenges, comments and evidence requests on the standard's page, and sending them from the review page: plain form posts.</summary>
[Trait("Category", "Review")]
public sealed class NotesTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task An_assigned_reviewer_challenges_an_item_requests_evidence_and_sends_them_to_the_agency()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: r.PartnershipId, name: "Ada Admin");
        var rita = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: r.PartnershipId, name: "Rita Reviewer");
        var ron = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: r.PartnershipId, name: "Ron Unassigned");
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Empty(await new ReviewService(db, new FrameworkCatalog(), TimeProvider.System).AssignAsync(r.ReceiptId, [rita.UserId], admin.UserId));
        }

        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(rita.Email);
        var review = await client.GetAsync(Links.Review(r.PartnershipId, r.RoundId, r.ReceiptId));
        review = await client.FollowAsync(await client.SubmitAsync(review, new Dictionary<string, string?>(), formSelector: "form[action$='handler=Start']"));

        // Nothing to answer yet: sending is refused with the error summary.
        var refused = await client.SubmitAsync(review, new Dictionary<string, string?>(), formSelector: "form[action$='handler=SendToAgency']");
        Assert.Equal(["Add a challenge or an evidence request before sending the review to the agency."], refused.ErrorSummary);

        var url = Links.ReviewStandard(r.PartnershipId, r.RoundId, r.ReceiptId, 1);
        var page = await client.GetAsync(url);
        var item = page.Document.QuerySelectorAll("input[name='Note.ItemId']").Select(i => i.GetAttribute("value")!).First();
        const string Note = "form[action$='handler=Note']";
        var wrong = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Note.Kind"] = "EvidenceRequest", ["Note.Text"] = "The training record" }, formSelector: Note);
        Assert.Equal(["Select the item the note is about", "Enter the date the evidence is wanted by"], wrong.ErrorSummary);
        Assert.Equal("The training record", wrong.Document.QuerySelector("textarea[name='Note.Text']")!.TextContent);
        Assert.Equal("EvidenceRequest", wrong.Document.QuerySelector("input[name='Note.Kind']:checked")!.GetAttribute("value"));

        var past = await client.SubmitAsync(wrong, new Dictionary<string, string?>
        {
            ["Note.ItemId"] = item, ["Note.Kind"] = "EvidenceRequest", ["Note.Text"] = "The training record", ["Note.WantedBy.Day"] = "1", ["Note.WantedBy.Month"] = "1", ["Note.WantedBy.Year"] = "2020",
        }, formSelector: Note);
        Assert.Equal(["The date the evidence is wanted by must be today or in the future"], past.ErrorSummary);
        Assert.Equal("2020", past.Document.QuerySelector("input[name='Note.WantedBy.Year']")!.GetAttribute("value"));

        var added = await client.FollowAsync(await client.SubmitAsync(past, new Dictionary<string, string?>
        {
            ["Note.ItemId"] = item, ["Note.Kind"] = "EvidenceRequest", ["Note.Text"] = "The training record", ["Note.WantedBy.Day"] = "12", ["Note.WantedBy.Month"] = "3", ["Note.WantedBy.Year"] = "2999",
        }, formSelector: Note));
        Assert.Equal("Note added to standard 1", added.Text("#confirmation"));
        added = await client.FollowAsync(await client.SubmitAsync(added, new Dictionary<string, string?> { ["Note.ItemId"] = item, ["Note.Kind"] = "Challenge", ["Note.Text"] = "Who is the named person?" }, formSelector: Note));
        Assert.Equal(["The training record", "Who is the named person?"], added.Document.QuerySelectorAll("#item-1-1 .app-note-text").Select(e => e.TextContent.Trim()));
        Assert.Equal("Wanted by 12 March 2999", added.Text("#item-1-1 .app-note-due"));
        Assert.All(added.Document.QuerySelectorAll("#item-1-1 .app-note-by"), e => Assert.Contains("Rita Reviewer", e.TextContent));
        Assert.Contains("Not yet sent to the agency.", added.Text("#item-1-1 .app-note-by"));

        // The unassigned reviewer reads the thread and has no form.
        using var other = factory.CreateHtmlClient();
        await other.SignInAsync(ron.Email);
        var read = await other.GetAsync(url);
        Assert.Equal(2, read.Document.QuerySelectorAll("#item-1-1 .app-note").Length);
        Assert.Null(read.Document.QuerySelector("#add-note"));

        review = await client.GetAsync(Links.Review(r.PartnershipId, r.RoundId, r.ReceiptId));
        Assert.Equal("Send challenges to the agency", review.Text("#sendtoagency"));
        var sent = await client.FollowAsync(await client.SubmitAsync(review, new Dictionary<string, string?>(), formSelector: "form[action$='handler=SendToAgency']"));
        Assert.Equal("The challenges have been sent to the agency: the review is awaiting its answers", sent.Text("#confirmation"));
        Assert.Equal("Awaiting agency", sent.Text("#review-state"));
        Assert.Null(sent.Document.QuerySelector("#sendtoagency"));

        await using var check = factory.Database.CreateContext();
        var email = Assert.Single(await check.Notifications.Where(n => n.Kind == NotificationKinds.ChallengesSent && n.ReturnId == r.Summary.Id).ToListAsync());
        Assert.Equal((r.AgencyUser, Links.Return(r.Summary.Id)), (email.UserId, email.Path));
        Assert.Contains("1 challenge, 1 evidence request due 12 March 2999", NotificationOutbox.ReadFacts(email.Facts).Summary);
    }
}
