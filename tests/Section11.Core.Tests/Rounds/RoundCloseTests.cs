using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Reporting;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Rounds;

/// <summary>Closing a round: once, after launch; its receipts then refuse changes; a return is locked only when every round it goes to is closed.</summary>
[Trait("Category", "Operations")]
public sealed class RoundCloseTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private RoundService Rounds(Section11DbContext db) => new(db, _catalog, _time);

    private async Task<int> RoundOfAsync(int returnId)
    {
        await using var db = database.CreateContext();
        return await db.Receipts.Where(x => x.ReturnId == returnId).Select(x => x.RoundId).FirstAsync();
    }

    [Fact]
    public async Task A_round_closes_once_and_only_after_launch_with_a_change_log_row()
    {
        var (returnId, _, user) = await SubmittedReturns.CompletedAsync(database, _catalog, _time);
        var roundId = await RoundOfAsync(returnId);
        await using var db = database.CreateContext();
        var draft = await db.Rounds.SingleAsync(r => r.Id == roundId);
        var unlaunched = new Round
        {
            PartnershipId = draft.PartnershipId, FrameworkVersionId = draft.FrameworkVersionId, Title = "Not launched yet",
            OpensOn = new DateOnly(2027, 1, 1), DueOn = new DateOnly(2027, 3, 31), CreatedAt = Now.UtcDateTime,
        };
        db.Rounds.Add(unlaunched);
        await db.SaveChangesAsync();

        Assert.Equal("This round has not been launched, so there is nothing to close.", Assert.Single(await Rounds(db).CloseAsync(unlaunched.Id, user)).Message);
        Assert.Empty(await Rounds(db).CloseAsync(roundId, user));
        Assert.Equal("This round has already been closed.", Assert.Single(await Rounds(db).CloseAsync(roundId, user)).Message);

        await using var check = database.CreateContext();
        var closed = await check.Rounds.SingleAsync(r => r.Id == roundId);
        Assert.Equal((Now.UtcDateTime, user), (closed.ClosedAt, closed.ClosedById));
        var id = roundId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(await check.ChangeLog.Where(c => c.EntityType == "Round" && c.EntityId == id && c.Field == "ClosedAt").ToListAsync());
        Assert.Null((await check.Rounds.SingleAsync(r => r.Id == unlaunched.Id)).ClosedAt);
    }

    [Fact]
    public async Task A_closed_round_refuses_extending_and_returning_for_changes()
    {
        var (summary, user) = await SubmittedReturns.SubmittedAsync(database, _catalog, _time);
        var roundId = summary.Receipts[0].RoundId;
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await Rounds(db).CloseAsync(roundId, user));
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal("This round is closed: its returns can no longer be extended or returned for changes.",
                Assert.Single(await Rounds(db).ReturnForChangesAsync(roundId, summary.Id, "Say more", user)).Message);
        }

        // A draft of another closed round cannot be given more time.
        var (draftId, _, other) = await SubmittedReturns.CompletedAsync(database, _catalog, _time);
        var draftRound = await RoundOfAsync(draftId);
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await Rounds(db).CloseAsync(draftRound, other));
            Assert.Equal("This round is closed: its returns can no longer be extended or returned for changes.",
                Assert.Single(await Rounds(db).ExtendAsync(draftRound, draftId, new DateInput("30", "4", "2027"), other)).Message);
        }

        await using var check = database.CreateContext();
        Assert.Equal(ReturnStatus.Submitted, await check.Returns.Where(r => r.Id == summary.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(new DateOnly(2027, 3, 31), await check.Receipts.Where(x => x.ReturnId == draftId).Select(x => x.DueOn).SingleAsync());
    }

    [Fact]
    public async Task A_return_is_locked_only_when_every_round_it_goes_to_is_closed()
    {
        var (returnId, agencyId, user) = await SubmittedReturns.CompletedAsync(database, _catalog, _time);
        var firstRound = await RoundOfAsync(returnId);
        int secondRound;
        await using (var db = database.CreateContext())
        {
            // The same return shared with a second partnership's round.
            var agency = await db.Agencies.SingleAsync(a => a.Id == agencyId);
            var first = await db.Rounds.SingleAsync(r => r.Id == firstRound);
            var round = new Round
            {
                Partnership = new Partnership { Name = $"Second {Guid.NewGuid():N}", Memberships = [new PartnershipMembership { Agency = agency }] },
                FrameworkVersionId = first.FrameworkVersionId, Title = "Second round", OpensOn = first.OpensOn, DueOn = first.DueOn,
                CreatedAt = Now.UtcDateTime, LaunchedAt = Now.UtcDateTime,
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            var receipt = Receipt.For(round, agency, Now.UtcDateTime);
            receipt.ReturnId = returnId;
            db.Receipts.Add(receipt);
            await db.SaveChangesAsync();
            secondRound = round.Id;
            Assert.Empty(await Rounds(db).CloseAsync(firstRound, user));
        }

        var returns = (Section11DbContext db) => new ReturnService(db, _catalog, _time);
        await using (var db = database.CreateContext())
        {
            var summary = (await returns(db).GetSummaryAsync(returnId))!;
            Assert.False(summary.IsLocked);
            Assert.Empty(await returns(db).SendForSignOffAsync(returnId, user));
            Assert.Empty(await returns(db).WithdrawAsync(returnId, user));
            Assert.Empty(await Rounds(db).CloseAsync(secondRound, user));
        }

        await using (var db = database.CreateContext())
        {
            var summary = (await returns(db).GetSummaryAsync(returnId))!;
            Assert.True(summary.IsLocked);
            const string locked = "This return is locked: every round it goes to is closed.";
            Assert.Equal(locked, Assert.Single(await returns(db).SendForSignOffAsync(returnId, user)).Message);
            Assert.Equal(locked, Assert.Single(await returns(db).SubmitAsync(returnId,
                new SignOffInput("Dr A", "Partner", "Practice", new DateInput("22", "11", "2026"), true), user)).Message);
            var framework = await _catalog.GetForRoundAsync(db, firstRound);
            var standard = framework.Standards.Single(s => s.Number == 1);
            var input = new StandardInput(0, [.. standard.Items.Select(i => new AnswerValues(i.Id, "fully-met", "Changed", null, DateInput.Empty))], new EvaluationValues(null, null));
            Assert.Equal(SaveOutcome.NotEditable, (await returns(db).SaveStandardAsync(summary, 1, input, complete: false, user)).Outcome);
        }

        // Not submitted by the close: it stays a draft, and the closed round's tracker says it was not received.
        await using var check = database.CreateContext();
        Assert.Equal(ReturnStatus.Draft, await check.Returns.Where(r => r.Id == returnId).Select(r => r.Status).SingleAsync());
        var tracker = await new RoundDataService(check, _catalog, _time).GetReturnsAsync(firstRound);
        Assert.Equal(TrackerStatus.NotReceived, Assert.Single(tracker).TrackerStatus);
        Assert.Equal("Not received", TrackerStatus.NotReceived.Label());
    }

    [Fact]
    public void The_lifecycle_locks_a_return_only_when_all_its_rounds_are_closed_and_a_receipt_action_when_its_round_is()
    {
        Assert.False(ReturnLifecycle.IsLocked([]));
        Assert.False(ReturnLifecycle.IsLocked([true, false]));
        Assert.True(ReturnLifecycle.IsLocked([true, true]));
        foreach (var status in Enum.GetValues<ReturnStatus>())
        {
            foreach (var action in Enum.GetValues<ReturnAction>())
            {
                Assert.False(ReturnLifecycle.Allows(status, action, closed: true));
                Assert.Equal(ReturnLifecycle.Allows(status, action), ReturnLifecycle.Allows(status, action, closed: false));
            }
        }

        Assert.True(ReturnLifecycle.IsOnReceipt(ReturnAction.Extend));
        Assert.True(ReturnLifecycle.IsOnReceipt(ReturnAction.ReturnForChanges));
        Assert.False(ReturnLifecycle.IsOnReceipt(ReturnAction.Edit));
        Assert.Equal(TrackerStatus.NotReceived, RoundService.Track(ReturnStatus.Draft, Now.UtcDateTime, new DateOnly(2027, 1, 1), false, new DateOnly(2026, 12, 1), roundClosed: true));
        Assert.Equal(TrackerStatus.Submitted, RoundService.Track(ReturnStatus.Submitted, Now.UtcDateTime, new DateOnly(2027, 1, 1), false, new DateOnly(2026, 12, 1), roundClosed: true));
        Assert.Equal(TrackerStatus.InProgress, RoundService.Track(ReturnStatus.Draft, Now.UtcDateTime, new DateOnly(2027, 1, 1), false, new DateOnly(2026, 12, 1), roundClosed: false));
    }
}

/// <summary>A request to share or start a return stops when its round closes: it is not listed and cannot be answered.</summary>
[Trait("Category", "Operations")]
public sealed class ClosedRoundRequestTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_closed_rounds_request_is_no_longer_listed_nor_answerable()
    {
        var now = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        await using var db = database.CreateContext();
        var masa = await db.FrameworkVersions.Include(f => f.Standards.Where(s => s.RoundId == null)).ThenInclude(s => s.Items)
            .SingleAsync(f => f.FrameworkKey == "masa-2018");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var agency = new Agency { Name = $"Asked trust {suffix}", Sector = Sector.Health };
        var partnership = new Partnership { Name = $"Asking {suffix}", Memberships = [new PartnershipMembership { Agency = agency }] };
        var round = new Round { Partnership = partnership, FrameworkVersion = masa, Title = $"Asking 2026 {suffix}", OpensOn = new(2026, 11, 1), DueOn = new(2027, 4, 30), CreatedAt = now, LaunchedAt = now };
        var receipt = Receipt.For(round, agency, now);
        db.Receipts.Add(receipt);
        await db.SaveChangesAsync();
        var lead = await TestData.CreateUserAsync(db, agency.Id);
        var sharing = new SharingService(db, new FrameworkCatalog(), TimeProvider.System);
        Assert.Single(await sharing.GetRequestsAsync(lead));

        round.ClosedAt = now;
        await db.SaveChangesAsync();

        Assert.Empty(await sharing.GetRequestsAsync(lead));
        Assert.Equal($"Asking 2026 {suffix} has closed: its return can no longer be sent.", Assert.Single(await sharing.ChooseAsync(agency.Id, receipt.Id, null, lead)).Message);
        Assert.Null(await db.Receipts.Where(x => x.Id == receipt.Id).Select(x => x.ReturnId).SingleAsync());
    }
}
