using Microsoft.EntityFrameworkCore;
using Section11.Core.Api;
using Section11.Core.Frameworks;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Api;

/// <summary>The API says what the tracker says about a closed round: when it closed, and the returns not received.</summary>
[Trait("Category", "Operations")]
public sealed class ClosedRoundApiTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_closed_round_has_its_closing_time_and_counts_an_unsubmitted_return_as_not_received()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018", dueOn: new DateOnly(2027, 3, 31));
        var api = new PartnershipApiService(db, new FrameworkCatalog(), time);
        var open = Assert.Single(await api.GetRoundsAsync(created.PartnershipId));
        Assert.Null(open.ClosedAt);
        Assert.Equal((1, 0), (open.ReturnsByTrackerStatus.NotStarted, open.ReturnsByTrackerStatus.NotReceived));

        var roundId = await db.Receipts.Where(x => x.ReturnId == created.ReturnId).Select(x => x.RoundId).SingleAsync();
        var user = await TestData.CreateUserAsync(db, created.AgencyId);
        Assert.Empty(await new Section11.Core.Rounds.RoundService(db, new FrameworkCatalog(), time).CloseAsync(roundId, user));

        var closed = Assert.Single(await api.GetRoundsAsync(created.PartnershipId));
        Assert.Equal(time.GetUtcNow().UtcDateTime, closed.ClosedAt);
        Assert.Equal((0, 1), (closed.ReturnsByTrackerStatus.NotStarted, closed.ReturnsByTrackerStatus.NotReceived));
    }
}
