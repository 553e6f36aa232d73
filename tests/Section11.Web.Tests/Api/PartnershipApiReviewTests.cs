using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Review;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Api.Generated;
using NoteKind = Section11.Core.Review.NoteKind;

namespace Section11.Web.Tests.Api;

/// <summary>The API's reviews and survey results on the fixed reporting data set.</summary>
[Trait("Category", "AnnualReport")]
public sealed class PartnershipApiReviewTests(PartnershipApiTests.Fixture fixture) : IClassFixture<PartnershipApiTests.Fixture>
{
    private string Round(string what) => $"/api/v1/partnerships/{fixture.Data.PartnershipId}/rounds/{fixture.Data.RoundId}/{what}";

    [Fact]
    public async Task Reviews_carry_the_state_notes_with_sent_answers_only_and_moderated_ratings()
    {
        var birch = fixture.Data.ReturnIds["Birch Police"];
        await using (var db = fixture.Database.CreateContext())
        {
            var receipt = await db.Receipts.SingleAsync(x => x.ReturnId == birch && x.RoundId == fixture.Data.RoundId);
            var item = await db.Answers.Where(a => a.ReturnId == birch && a.Item.Number == "4.2").Select(a => new { a.ItemId, a.Item.StandardId }).SingleAsync();
            var at = ReportingTestData.Now.UtcDateTime;
            var author = await TestData.CreateUserAsync(db, fixture.Data.AgencyIds.Birch, name: "Rae Reviewer");
            var sent = new ReviewNote { ReceiptId = receipt.Id, StandardId = item.StandardId, ItemId = item.ItemId, Kind = NoteKind.Challenge, Text = "Which files were checked?", AuthorId = author, CreatedAt = at, SentAt = at };
            var other = new ReviewNote { ReceiptId = receipt.Id, StandardId = item.StandardId, ItemId = item.ItemId, Kind = NoteKind.Comment, Text = "Good induction pack", AuthorId = author, CreatedAt = at, SentAt = at };
            db.ReviewNotes.AddRange(sent, other);
            db.ModeratedRatings.Add(new ModeratedRating { ReceiptId = receipt.Id, StandardId = item.StandardId, ItemId = item.ItemId, Rating = "requires-improvement", Reason = "Most files complete", UpdatedAt = at, UpdatedById = "api-test" });
            await db.SaveChangesAsync();
            db.ReviewAnswers.AddRange(
                new ReviewAnswer { NoteId = sent.Id, ReceiptId = receipt.Id, Text = "All 40 personnel files", AuthorId = author, UpdatedAt = at, SentAt = at },
                new ReviewAnswer { NoteId = other.Id, ReceiptId = receipt.Id, Text = "A draft the agency has not sent", AuthorId = author, UpdatedAt = at });
            await db.SaveChangesAsync();
        }

        using var http = fixture.Client(fixture.Token);
        var reviews = await new Section11ApiClient(http).GetReviewsAsync(fixture.Data.PartnershipId, fixture.Data.RoundId);

        Assert.Equal(5, reviews.Count); // every agency of the round, in name order
        var review = reviews.Single(r => r.ReturnId == birch);
        Assert.Equal([("4.2", "Which files were checked?", "All 40 personnel files"), ("4.2", "Good induction pack", null)],
            review.Notes.Select(n => (n.ItemNumber, n.Text, n.Answer?.Text)));
        var moderated = Assert.Single(review.ModeratedRatings);
        Assert.Equal((4, "4.2", "requires-improvement", "Requires improvement", "Most files complete"), (moderated.StandardNumber, moderated.ItemNumber, moderated.Rating, moderated.Label, moderated.Reason));
        Assert.All(reviews.Where(r => r.ReturnId != birch), r => Assert.Empty(r.Notes));
    }

    [Fact]
    public async Task Survey_results_are_404_without_a_survey_and_for_another_partnerships_round()
    {
        using var own = fixture.Client(fixture.Token);
        using var other = fixture.Client(fixture.OtherToken);

        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync(Round("survey-results"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Round("reviews"))).StatusCode);
        var reviews = JsonNode.Parse(await (await own.GetAsync(Round("reviews"))).Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal("NotStarted", reviews[0]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Survey_results_give_no_numbers_below_the_minimum_group_size_and_only_published_free_text()
    {
        string token;
        SurveyTestData.SurveySetup survey;
        await using (var db = fixture.Database.CreateContext())
        {
            var catalog = new Section11.Core.Frameworks.FrameworkCatalog();
            var time = new FixedTime(ReportingTestData.Now);
            var (setup, texts) = await SurveyTestData.FixedResponsesAsync(db, catalog, time);
            survey = setup;
            var surveys = new Section11.Core.Surveys.SurveyService(db, catalog, time);
            var freeText = (await surveys.GetAsync(setup.RoundId))!.Questions.Single(q => q.Kind == Section11.Core.Surveys.QuestionKind.FreeText).Id;
            Assert.Empty(await surveys.MarkFreeTextAsync(setup.RoundId, texts[0], freeText, publishable: true, setup.UserId));
            Assert.Empty(await surveys.MarkFreeTextAsync(setup.RoundId, texts[1], freeText, publishable: false, setup.UserId));
            token = (await new Section11.Core.Api.ApiTokenService(db, time).IssueAsync(setup.PartnershipId, "Survey", setup.UserId)).Issued!.Secret;
        }

        using var http = fixture.Client(token);
        var results = await new Section11ApiClient(http).GetSurveyResultsAsync(survey.PartnershipId, survey.RoundId);

        Assert.Equal((11, true, 5), (results.Partnership.Responses, results.Partnership.Shown, results.MinimumGroupSize));
        var police = results.Agencies.Single(a => a.Scope.StartsWith("Survey police", StringComparison.Ordinal));
        var trust = results.Agencies.Single(a => a.Scope.StartsWith("Survey trust", StringComparison.Ordinal));
        Assert.Equal((3, false), (trust.Responses, trust.Shown));
        Assert.Empty(trust.Questions);
        // Police: SA, A, A, D, N, SA, SD, A: 5 of 8 agree (63%); five work directly with children, three managers (too few, so not shown).
        var likert = police.Questions.First();
        Assert.Equal((8, 63), (likert.All.Answered, likert.All.AgreePercent));
        Assert.Equal([SurveyTestData.Direct], likert.ByRole.Select(g => g.Group));
        Assert.Equal(["Publish me"], police.Questions.Last().PublishedText);
        Assert.Equal(["Publish me"], results.Partnership.Questions.Last().PublishedText);
    }
}
