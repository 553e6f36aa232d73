using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Reviews;

/// <summary>The review page of one receipt, its reviewers page, and the review's state on the round's tracker.</summary>
[Trait("Category", "Review")]
public sealed class ReviewTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private sealed record Setup(ReviewTestData.ReviewedReceipt Receipt, Section11Factory.Person Admin, Section11Factory.Person Rita, Section11Factory.Person Ron)
    {
        public string Tracker => Links.Round(Receipt.PartnershipId, Receipt.RoundId);
        public string Review => Links.Review(Receipt.PartnershipId, Receipt.RoundId, Receipt.ReceiptId);
    }

    private async Task<Setup> SubmittedAsync()
    {
        var receipt = await ReviewTestData.SubmittedReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        return new(receipt,
            await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: receipt.PartnershipId, name: "Ada Admin"),
            await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: receipt.PartnershipId, name: "Rita Reviewer"),
            await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: receipt.PartnershipId, name: "Ron Unassigned"));
    }

    private async Task<HtmlClient> SignedInAsync(Section11Factory.Person person)
    {
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return client;
    }

    [Fact]
    public async Task The_administrator_assigns_a_reviewer_who_starts_the_review_and_the_tracker_shows_it()
    {
        var s = await SubmittedAsync();
        using var admin = await SignedInAsync(s.Admin);
        var tracker = await admin.GetAsync(s.Tracker);
        Assert.Equal("Not started", tracker.Text($"#return-{s.Receipt.Summary.Id} .app-review-state"));

        var review = await admin.GetAsync(s.Review);
        Assert.Equal("Not started", review.Text("#review-state"));
        Assert.Equal("None assigned", review.Text("#reviewers"));
        var reviewers = await admin.GetAsync(review.Document.QuerySelector("#change-reviewers")!.GetAttribute("href")!);
        Assert.Equal(["Ada Admin (" + s.Admin.Email + ")", "Rita Reviewer (" + s.Rita.Email + ")", "Ron Unassigned (" + s.Ron.Email + ")"],
            reviewers.Document.QuerySelectorAll(".govuk-checkboxes__label").Select(l => l.TextContent.Trim()));
        var saved = await admin.FollowAsync(await admin.SubmitAsync(reviewers, new Dictionary<string, string?> { ["UserIds"] = s.Rita.UserId }));
        Assert.Equal("The reviewers have been saved", saved.Text("#confirmation"));
        Assert.Equal("Rita Reviewer", saved.Text("#reviewers"));

        using var rita = await SignedInAsync(s.Rita);
        var hers = await rita.GetAsync(s.Review);
        Assert.Null(hers.Document.QuerySelector("#change-reviewers"));
        var started = await rita.FollowAsync(await rita.SubmitAsync(hers, new Dictionary<string, string?>(), formSelector: $"form[action$='handler=Start']"));
        Assert.Equal("The review has started", started.Text("#confirmation"));
        Assert.Equal("In review", started.Text("#review-state"));
        Assert.Equal("Finish moderation", started.Text("#finish"));
        Assert.Equal("In review", (await admin.GetAsync(s.Tracker)).Text($"#return-{s.Receipt.Summary.Id} .app-review-state"));

        // Finished, only an administrator reopens it.
        var finished = await rita.FollowAsync(await rita.SubmitAsync(started, new Dictionary<string, string?>(), formSelector: "form[action$='handler=Finish']"));
        Assert.Equal("Moderated", finished.Text("#review-state"));
        Assert.Null(finished.Document.QuerySelector("#reopen"));
        var reopened = await admin.FollowAsync(await admin.SubmitAsync(await admin.GetAsync(s.Review), new Dictionary<string, string?>(), formSelector: "form[action$='handler=Reopen']"));
        Assert.Equal("In review", reopened.Text("#review-state"));
    }

    [Fact]
    public async Task A_reviewer_who_is_not_assigned_reads_the_review_but_cannot_change_it()
    {
        var s = await SubmittedAsync();
        using var ron = await SignedInAsync(s.Ron);

        var review = await ron.GetAsync(s.Review);

        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Contains("Only its assigned reviewers and the partnership's administrators can change it", review.Text("#read-only"));
        Assert.Empty(review.Document.QuerySelectorAll("main form"));
        var token = (await ron.GetAsync("/account")).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var posted = await ron.PostAsync(Links.ReviewHandler(s.Receipt.PartnershipId, s.Receipt.RoundId, s.Receipt.ReceiptId, "Start"), [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        await using var db = factory.Database.CreateContext();
        Assert.Equal(Section11.Core.Review.ReviewState.NotStarted, await db.Receipts.Where(x => x.Id == s.Receipt.ReceiptId).Select(x => x.ReviewState).SingleAsync());
    }

    [Fact]
    public async Task A_return_not_yet_submitted_has_no_review_on_the_tracker_and_its_review_page_says_it_waits()
    {
        await using var db = factory.Database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
        var receipt = await db.Receipts.Where(x => x.ReturnId == created.ReturnId).Select(x => new { x.Id, x.RoundId }).SingleAsync();
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: created.PartnershipId, name: "Ada Admin");
        using var client = await SignedInAsync(admin);

        var tracker = await client.GetAsync(Links.Round(created.PartnershipId, receipt.RoundId));
        Assert.Null(tracker.Document.QuerySelector($"#return-{created.ReturnId} .app-review-state"));
        var review = await client.GetAsync(Links.Review(created.PartnershipId, receipt.RoundId, receipt.Id));
        Assert.Equal("The review can start once the agency has submitted its return.", review.Text("#not-submitted"));
        Assert.Null(review.Document.QuerySelector("#start"));
    }

    [Fact]
    public async Task A_receipt_of_another_partnership_is_not_found_under_this_one()
    {
        var s = await SubmittedAsync();
        var other = await ReviewTestData.SubmittedReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        using var admin = await SignedInAsync(s.Admin);

        var page = await admin.GetAsync(Links.Review(s.Receipt.PartnershipId, s.Receipt.RoundId, other.ReceiptId));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
