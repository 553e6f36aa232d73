using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Organisations;

public sealed class RoundServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private async Task<(int PartnershipId, IReadOnlyList<int> Agencies, int RoundId, string User)> DraftRoundAsync(string framework)
    {
        await using var db = database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "GP practice", "Hospital trust");
        var user = await TestData.CreateUserAsync(db, p.AgencyIds[0]);
        var frameworkId = await db.FrameworkVersions.Where(f => f.FrameworkKey == framework).Select(f => f.Id).SingleAsync();
        var (roundId, errors) = await new RoundService(db, _catalog, _time).CreateAsync(p.PartnershipId,
            new RoundInput("Section 11 audit 2027", frameworkId, new DateInput("1", "12", "2026"), new DateInput("31", "3", "2027")), user);
        Assert.Empty(errors);
        return (p.PartnershipId, p.AgencyIds, roundId!.Value, user);
    }

    [Theory]
    [InlineData("", null, "1", "12", "2026", "31", "3", "2027", "Title", "Enter a title for the round, for example Section 11 audit 2026")]
    [InlineData("Audit", -1, "1", "12", "2026", "31", "3", "2027", "FrameworkVersionId", "Select the framework agencies will complete")]
    [InlineData("Audit", 0, "", "", "", "31", "3", "2027", "OpensOn", "Enter the date the round opens")]
    [InlineData("Audit", 0, "1", "12", "2026", "31", "2", "2027", "DueOn", "Return-by date must be a real date")]
    [InlineData("Audit", 0, "1", "12", "2026", "1", "11", "2026", "DueOn", "Return-by date must be today or in the future")]
    [InlineData("Audit", 0, "1", "12", "2026", "30", "11", "2026", "DueOn", "Return-by date must be after the open date")]
    public void A_round_needs_a_title_a_framework_and_sensible_dates(string title, int? framework, string od, string om, string oy, string dd, string dm, string dy, string key, string message)
    {
        var errors = RoundService.Check(new RoundInput(title, framework, new DateInput(od, om, oy), new DateInput(dd, dm, dy)), [0], new DateOnly(2026, 11, 22));
        var error = Assert.Single(errors, e => e.Key == key);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Launching_gives_each_chosen_agency_a_return_once()
    {
        var (_, agencies, roundId, user) = await DraftRoundAsync("masa-2018");
        await using var db = database.CreateContext();
        var service = new RoundService(db, _catalog, _time);

        Assert.Equal("Select the agencies that will complete a return", Assert.Single(await service.LaunchAsync(roundId, [], user)).Message);
        Assert.Empty(await service.LaunchAsync(roundId, [agencies[0]], user));
        Assert.Equal("This round has already been launched.", Assert.Single(await service.LaunchAsync(roundId, [agencies[1]], user)).Message);

        var returns = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == roundId)).Include(r => r.Answers).ToListAsync();
        Assert.Equal(agencies[0], Assert.Single(returns).AgencyId);
        Assert.Equal(27, returns[0].Answers.Count);
        var tracker = await new Section11.Core.Reporting.RoundDataService(db, _catalog, _time).GetReturnsAsync(roundId);
        Assert.Equal(TrackerStatus.NotStarted, Assert.Single(tracker).TrackerStatus);
    }

    [Fact]
    public async Task An_agency_outside_the_partnership_cannot_be_launched_into_the_round()
    {
        var (_, _, roundId, user) = await DraftRoundAsync("masa-2018");
        await using var db = database.CreateContext();
        var outsider = await TestData.CreateReturnAsync(db, "masa-2018");
        var errors = await new RoundService(db, _catalog, _time).LaunchAsync(roundId, [outsider.AgencyId], user);
        Assert.Equal("Select the agencies that will complete a return", Assert.Single(errors).Message);
        Assert.False(await db.Receipts.AnyAsync(x => x.RoundId == roundId));
    }

    [Theory]
    [InlineData("primary-care-2014", RoundSetUpStep.LocalItems)]
    [InlineData("masa-2018", RoundSetUpStep.Launch)]
    public async Task A_new_round_goes_on_to_its_local_items_only_when_its_framework_has_a_local_standard(string framework, RoundSetUpStep next)
    {
        var (_, _, roundId, _) = await DraftRoundAsync(framework);
        await using var db = database.CreateContext();
        Assert.Equal(next, await new RoundService(db, _catalog, _time).NextSetUpStepAsync(roundId));
    }

    [Fact]
    public async Task Local_items_replace_the_placeholders_of_the_local_standard_and_are_rated_like_the_rest()
    {
        var (_, agencies, roundId, user) = await DraftRoundAsync("primary-care-2014");
        await using var db = database.CreateContext();
        var service = new RoundService(db, _catalog, _time);
        Assert.Equal("Enter what the agency must show", Assert.Single(await service.AddLocalItemAsync(roundId, new LocalItemInput(" ", null), user)).Message);
        Assert.Empty(await service.AddLocalItemAsync(roundId, new LocalItemInput("The practice attends the quarterly MASH briefing.", "Attendance register\nBriefing notes"), user));
        Assert.Empty(await service.AddLocalItemAsync(roundId, new LocalItemInput("Staff know the local threshold document.", null), user));
        Assert.Empty(await service.LaunchAsync(roundId, [agencies[0]], user));
        Assert.Equal("Local items cannot change after the round is launched.", Assert.Single(await service.AddLocalItemAsync(roundId, new LocalItemInput("Late", null), user)).Message);

        var framework = await _catalog.GetForRoundAsync(db, roundId);
        var standard9 = framework.Standards.Single(s => s.Number == 9);
        Assert.Equal(["9.1", "9.2"], standard9.Items.Select(i => i.Number));
        Assert.Equal("The practice attends the quarterly MASH briefing.", standard9.Items[0].Text);
        Assert.Equal(["Attendance register", "Briefing notes"], standard9.Items[0].Evidence);
        Assert.Equal(59, framework.Standards.Sum(s => s.Items.Count));

        // Other rounds on the same framework still see the placeholders.
        var other = await TestData.CreateReturnAsync(db, "primary-care-2014");
        var otherFramework = await _catalog.GetForRoundAsync(db, await db.Receipts.Where(x => x.ReturnId == other.ReturnId).Select(x => x.RoundId).SingleAsync());
        Assert.StartsWith("The Practice can demonstrate that", otherFramework.Standards.Single(s => s.Number == 9).Items[0].Text, StringComparison.Ordinal);

        var returnId = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == roundId)).Select(r => r.Id).SingleAsync();
        var returns = new ReturnService(db, _catalog, _time);
        var input = new StandardInput(0, [.. standard9.Items.Select(i => new AnswerValues(i.Id, "fully-met", "Register", null, DateInput.Empty))], new EvaluationValues("fully-met", "Met"));
        Assert.Equal(SaveOutcome.Saved, (await returns.SaveStandardAsync((await returns.GetSummaryAsync(returnId))!, 9, input, complete: true, user)).Outcome);
    }

    [Fact]
    public async Task Tracker_statuses_follow_the_return_and_the_date()
    {
        Assert.Equal(TrackerStatus.NotStarted, RoundService.Track(ReturnStatus.Draft, null, new DateOnly(2027, 1, 1), true, new DateOnly(2026, 12, 1)));
        Assert.Equal(TrackerStatus.InProgress, RoundService.Track(ReturnStatus.Draft, DateTime.UtcNow, new DateOnly(2027, 1, 1), true, new DateOnly(2026, 12, 1)));
        Assert.Equal(TrackerStatus.Overdue, RoundService.Track(ReturnStatus.Draft, DateTime.UtcNow, new DateOnly(2027, 1, 1), true, new DateOnly(2027, 1, 2)));
        Assert.Equal(TrackerStatus.InProgress, RoundService.Track(ReturnStatus.Draft, DateTime.UtcNow, new DateOnly(2027, 1, 1), true, new DateOnly(2027, 1, 1)));
        Assert.Equal(TrackerStatus.AwaitingSignOff, RoundService.Track(ReturnStatus.AwaitingSignOff, DateTime.UtcNow, new DateOnly(2027, 1, 1), true, new DateOnly(2026, 12, 1)));
        Assert.Equal(TrackerStatus.Submitted, RoundService.Track(ReturnStatus.Submitted, DateTime.UtcNow, new DateOnly(2027, 1, 1), true, new DateOnly(2027, 2, 1)));
        Assert.Equal(TrackerStatus.ReturnedForChanges, RoundService.Track(ReturnStatus.ReturnedForChanges, DateTime.UtcNow, new DateOnly(2027, 1, 1), true, new DateOnly(2026, 12, 1)));
        // Reopened for another partnership (or by the agency) after it was submitted here: being revised, even after the date.
        Assert.Equal(TrackerStatus.BeingRevised, RoundService.Track(ReturnStatus.ReturnedForChanges, DateTime.UtcNow, new DateOnly(2027, 1, 1), false, new DateOnly(2027, 2, 1)));
        Assert.Equal(TrackerStatus.NotStarted, RoundService.Track(null, null, new DateOnly(2027, 1, 1), false, new DateOnly(2026, 12, 1)));

        await using var db = database.CreateContext();
        var r = await TestData.CreateReturnAsync(db, "masa-2018", dueOn: new DateOnly(2026, 11, 1));
        var service = new RoundService(db, _catalog, _time);
        var roundId = await db.Receipts.Where(x => x.ReturnId == r.ReturnId).Select(x => x.RoundId).SingleAsync();
        Assert.Equal(TrackerStatus.Overdue, (await new Section11.Core.Reporting.RoundDataService(db, _catalog, _time).GetReturnsAsync(roundId)).Single().TrackerStatus);

        var user = await TestData.CreateUserAsync(db, r.AgencyId);
        Assert.Equal("The new return-by date must be today or in the future", Assert.Single(await service.ExtendAsync(roundId, r.ReturnId, new DateInput("1", "11", "2026"), user)).Message);
        Assert.Empty(await service.ExtendAsync(roundId, r.ReturnId, new DateInput("15", "12", "2026"), user));
        // An "extension" to an earlier date would take time away: refused, and the date stays.
        Assert.Equal("The new return-by date must be after the current return-by date, 15 December 2026",
            Assert.Single(await service.ExtendAsync(roundId, r.ReturnId, new DateInput("10", "12", "2026"), user)).Message);
        var row = (await new Section11.Core.Reporting.RoundDataService(db, _catalog, _time).GetReturnsAsync(roundId)).Single();
        Assert.Equal((TrackerStatus.NotStarted, new DateOnly(2026, 12, 15)), (row.TrackerStatus, row.DueOn));
        var log = await db.ChangeLog.SingleAsync(c => c.ReturnId == r.ReturnId && c.Field == "DueOn");
        Assert.Equal(("2026-11-01", "2026-12-15", user), (log.OldValue, log.NewValue, log.UserId));
    }

    [Fact]
    public async Task Only_a_submitted_return_can_be_returned_for_changes_and_the_reason_is_kept()
    {
        await using var db = database.CreateContext();
        var r = await TestData.CreateReturnAsync(db, "masa-2018");
        var user = await TestData.CreateUserAsync(db, r.AgencyId);
        var service = new RoundService(db, _catalog, _time);
        var roundId = await db.Receipts.Where(x => x.ReturnId == r.ReturnId).Select(x => x.RoundId).SingleAsync();

        Assert.Equal("Enter what the agency needs to change", Assert.Single(await service.ReturnForChangesAsync(roundId, r.ReturnId, "", user)).Message);
        Assert.Equal("Only a submitted return can be returned for changes.", Assert.Single(await service.ReturnForChangesAsync(roundId, r.ReturnId, "More evidence", user)).Message);

        await db.Returns.Where(x => x.Id == r.ReturnId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ReturnStatus.Submitted));
        await using (var fresh = database.CreateContext())
        {
            Assert.Empty(await new RoundService(fresh, _catalog, _time).ReturnForChangesAsync(roundId, r.ReturnId, "Standard 3 needs evidence of safer recruitment training.", user));
        }


        await using var check = database.CreateContext();
        var entity = await check.Returns.Include(x => x.Receipts).ThenInclude(x => x.Round).SingleAsync(x => x.Id == r.ReturnId);
        Assert.Equal((ReturnStatus.ReturnedForChanges, "Standard 3 needs evidence of safer recruitment training."), (entity.Status, Assert.Single(entity.Receipts).ReturnedReason));
        Assert.True(entity.IsEditable);
    }
}
