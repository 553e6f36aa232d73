using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Reviews;

/// <summary>The reviewer's page of one standard, on the test framework with its own 0–3 moderation scale: plain form posts, no script.</summary>
[Trait("Category", "Review")]
public sealed class StandardTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task An_assigned_reviewer_moderates_two_items_down_with_reasons_on_the_0_to_3_scale_and_an_unassigned_one_only_reads()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: r.PartnershipId, name: "Ada Admin");
        var rita = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: r.PartnershipId, name: "Rita Reviewer");
        var ron = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: r.PartnershipId, name: "Ron Unassigned");
        await using (var db = factory.Database.CreateContext())
        {
            var reviews = new ReviewService(db, new FrameworkCatalog(), TimeProvider.System);
            Assert.Empty(await reviews.AssignAsync(r.ReceiptId, [rita.UserId], admin.UserId));
        }

        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(rita.Email);
        var review = await client.GetAsync(Links.Review(r.PartnershipId, r.RoundId, r.ReceiptId));
        review = await client.FollowAsync(await client.SubmitAsync(review, new Dictionary<string, string?>(), formSelector: "form[action$='handler=Start']"));
        var url = review.Document.QuerySelector("#standard-1 a")!.GetAttribute("href")!;
        Assert.Equal(Links.ReviewStandard(r.PartnershipId, r.RoundId, r.ReceiptId, 1), url);

        var page = await client.GetAsync(url);
        Assert.Equal(["Met", "Met", "Met"], page.Document.QuerySelectorAll(".app-self-rating").Select(e => e.TextContent.Trim()));
        Assert.Equal("Evidence 1.1", page.Text("#item-1-1 .app-evidence"));
        Assert.Equal(["Not moderated", "0", "1", "2", "3"], page.Document.QuerySelectorAll("#item-1-1 .govuk-radios__label").Select(l => l.TextContent.Trim()));

        var refused = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Items[0].Rating"] = "1", ["Items[1].Rating"] = "0", ["Items[1].Reason"] = "No business plan seen" });
        Assert.Equal(["Enter why the moderated rating of 1.1 differs from the agency's"], refused.ErrorSummary);
        Assert.Equal("No business plan seen", refused.Document.QuerySelector("textarea[name='Items[1].Reason']")!.TextContent);
        Assert.Equal("1", refused.Document.QuerySelector("input[name='Items[0].Rating']:checked")!.GetAttribute("value"));

        var saved = await client.FollowAsync(await client.SubmitAsync(refused, new Dictionary<string, string?>
        {
            ["Items[0].Rating"] = "1", ["Items[0].Reason"] = "The named person left in June",
            ["Items[1].Rating"] = "0", ["Items[1].Reason"] = "No business plan seen",
        }));
        Assert.Equal("Moderated ratings of standard 1 saved", saved.Text("#confirmation"));
        Assert.Equal("2 of 2", saved.Document.QuerySelector("#standard-1 td")!.TextContent.Trim());

        // The unassigned reviewer reads the moderated ratings beside the agency's, and has no form.
        using var other = factory.CreateHtmlClient();
        await other.SignInAsync(ron.Email);
        var read = await other.GetAsync(url);
        Assert.Equal(["1", "0", "Not moderated"], read.Document.QuerySelectorAll(".app-moderated-rating").Select(e => e.TextContent.Trim()));
        Assert.Null(read.Document.QuerySelector("main button[type='submit']"));
        var token = (await other.GetAsync("/account")).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync(url, [new("__RequestVerificationToken", token), new("Evaluation.Rating", "0")])).Status);

        await using var check = factory.Database.CreateContext();
        Assert.All(await check.Answers.Where(a => a.ReturnId == r.Summary.Id).ToListAsync(), a => Assert.Equal("met", a.Rating));
        Assert.Equal(2, await check.ModeratedRatings.CountAsync(m => m.ReceiptId == r.ReceiptId));
    }
}
