using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Surveys;

/// <summary>Each agency's rating of a mapped item beside its staff's agreement, contradictions flagged by the survey's thresholds.</summary>
[Trait("Category", "Survey")]
public sealed class SurveyTriangulationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Submits the agency's return with item 1.1 rated <paramref name="rating"/> (set in the rows: the return's own journey is tested elsewhere).</summary>
    private static async Task<int> RateAsync(Core.Data.Section11DbContext db, int roundId, int agencyId, string rating, string number = "1.1")
    {
        var receipt = await db.Receipts.Include(x => x.Return).SingleAsync(x => x.RoundId == roundId && x.AgencyId == agencyId);
        var item = await db.Items.SingleAsync(i => i.Number == number && i.Standard.FrameworkVersionId == receipt.Return!.FrameworkVersionId && i.Standard.RoundId == null);
        receipt.Return!.Status = ReturnStatus.Submitted;
        var answer = await db.Answers.SingleOrDefaultAsync(a => a.ReturnId == receipt.ReturnId && a.ItemId == item.Id);
        if (answer is null)
        {
            db.Answers.Add(new Answer { ReturnId = receipt.Return.Id, ItemId = item.Id, Rating = rating });
        }
        else
        {
            answer.Rating = rating;
        }

        await db.SaveChangesAsync();
        return item.Id;
    }

    [Fact]
    public async Task A_rating_its_staff_contradict_is_flagged_with_the_numbers_and_too_few_responses_never_are()
    {
        await using var db = database.CreateContext();
        var (s, _) = await SurveyTestData.FixedResponsesAsync(db, _catalog, _time);
        int police = s.Links[0].AgencyId, trust = s.Links[1].AgencyId;
        var item = await RateAsync(db, s.RoundId, police, "good");
        await RateAsync(db, s.RoundId, trust, "good");
        var receipt = await db.Receipts.SingleAsync(x => x.RoundId == s.RoundId && x.AgencyId == police);
        var standardId = await db.Items.Where(i => i.Id == item).Select(i => i.StandardId).SingleAsync();
        db.ModeratedRatings.Add(new ModeratedRating { ReceiptId = receipt.Id, StandardId = standardId, ItemId = item, Rating = "requires-improvement", UpdatedAt = _time.GetUtcNow().UtcDateTime, UpdatedById = s.UserId });
        await db.SaveChangesAsync();
        var surveys = new SurveyService(db, _catalog, _time);

        // Police rates 1.1 Good (meets) but 5 of its 8 staff agree: 63%, under 75%.
        var view = (await surveys.GetTriangulationAsync(s.RoundId))!;
        var row = view.Rows.Single(r => r.AgencyId == police);
        Assert.Equal(("1.1", "Good", true, "Requires improvement", 8, 5, 8, (int?)63, Contradiction.MeetsButFewAgree),
            (row.Item.Number, row.SelfRating, row.SelfMeets, row.ModeratedRating, row.Responses, row.Agreeing, row.Answers, row.AgreePercent, row.Flag));

        // Trust: all three agree, but three is below the minimum group size, so there is no share and no flag.
        var small = view.Rows.Single(r => r.AgencyId == trust);
        Assert.Equal((3, (int?)null, Contradiction.None), (small.Responses, small.AgreePercent, small.Flag));
        Assert.Equal([police], view.Flagged.Select(r => r.AgencyId));

        // Rated as not meeting while at least the other threshold (set to 60%) agree.
        await RateAsync(db, s.RoundId, police, "requires-improvement");
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        Assert.Empty(await surveys.SaveDetailsAsync(s.RoundId, new SurveyDetailsInput("Tell us what you know.", DateInput.From(today), DateInput.From(today.AddDays(30)), true, false, "5", "75", "60"), s.UserId));
        Assert.Equal(Contradiction.NotMetButStaffAgree, (await surveys.GetTriangulationAsync(s.RoundId))!.Rows.Single(r => r.AgencyId == police).Flag);
        Assert.Empty(await surveys.SaveDetailsAsync(s.RoundId, new SurveyDetailsInput("Tell us what you know.", DateInput.From(today), DateInput.From(today.AddDays(30)), true, false, "5", "75", "64"), s.UserId));
        Assert.Equal(Contradiction.None, (await surveys.GetTriangulationAsync(s.RoundId))!.Rows.Single(r => r.AgencyId == police).Flag);
    }

    [Theory]
    [InlineData(true, 74, Contradiction.MeetsButFewAgree)]
    [InlineData(true, 75, Contradiction.None)]
    [InlineData(false, 90, Contradiction.NotMetButStaffAgree)]
    [InlineData(false, 89, Contradiction.None)]
    [InlineData(null, 10, Contradiction.None)]
    public void The_thresholds_are_exact(bool? meets, int percent, Contradiction expected) =>
        Assert.Equal(expected, SurveyService.Contradicts(meets, percent, 75, 90));

    [Fact]
    public async Task Suggestions_start_with_the_items_most_often_rated_below_the_standard_then_the_bank()
    {
        await using var db = database.CreateContext();
        var s = await SurveyTestData.SurveyAsync(db, _catalog, _time, open: false);
        int police = s.AgencyIds[0], trust = s.AgencyIds[1];
        await RateAsync(db, s.RoundId, police, "inadequate", "1.2");
        await RateAsync(db, s.RoundId, police, "inadequate");
        await RateAsync(db, s.RoundId, trust, "requires-improvement");
        await RateAsync(db, s.RoundId, trust, "good", "1.2");
        var suggestions = await new SurveyService(db, _catalog, _time).SuggestAsync(s.RoundId);
        Assert.Equal(
            [("1.1", "Item 1.1: 2 of 2 submitted returns rate it below the standard"), ("1.2", "Item 1.2: 1 of 2 submitted returns rate it below the standard")],
            suggestions.Take(2).Select(q => (q.ItemNumbers, q.Why)));
        Assert.All(suggestions.Take(2), q => Assert.Equal(QuestionKind.Likert, q.Kind));
        var bank = suggestions.Skip(2).ToList();
        Assert.Contains(bank, q => q.Text == "I know who the senior lead for safeguarding children is in my agency" && q.Why == "Question bank, standard 1: Leadership and Accountability");
        Assert.All(bank, q => Assert.Equal("", q.ItemNumbers));
    }
}
