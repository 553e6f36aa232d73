using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Rounds;

/// <summary>Repeating a round: one step makes the next cycle's round, unlaunched, with the same local items and agencies.</summary>
[Trait("Category", "Operations")]
public sealed class RoundRepeatTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    [Fact]
    public async Task Repeating_copies_the_agencies_and_local_items_checks_the_input_and_leaves_the_new_round_unlaunched()
    {
        await using var db = database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "GP practice", "Hospital trust", "Police");
        var user = await TestData.CreateUserAsync(db, p.AgencyIds[0]);
        var service = new RoundService(db, _catalog, _time);
        var primaryCare = await db.FrameworkVersions.Where(f => f.FrameworkKey == "primary-care-2014").Select(f => f.Id).SingleAsync();
        var masa = await db.FrameworkVersions.Where(f => f.FrameworkKey == "masa-2018").Select(f => f.Id).SingleAsync();
        var (roundId, _) = await service.CreateAsync(p.PartnershipId,
            new RoundInput("Section 11 audit 2027", primaryCare, new DateInput("1", "12", "2026"), new DateInput("31", "3", "2027")), user);
        Assert.Empty(await service.AddLocalItemAsync(roundId!.Value, new LocalItemInput("The practice attends the MASH briefing.", "Register\nMinutes"), user));
        Assert.Empty(await service.AddLocalItemAsync(roundId.Value, new LocalItemInput("The practice has a named GP.", null), user));
        Assert.Empty(await service.LaunchAsync(roundId.Value, [p.AgencyIds[0], p.AgencyIds[2]], user));
        Assert.Empty(await service.CloseAsync(roundId.Value, user));

        var proposal = (await service.GetRepeatProposalAsync(p.PartnershipId, roundId.Value))!;
        Assert.Equal(("Section 11 audit 2029", new DateOnly(2028, 12, 1), new DateOnly(2029, 3, 31)), (proposal.Title, proposal.OpensOn, proposal.DueOn));
        Assert.Equal([primaryCare], proposal.Versions.Select(v => v.Id));

        var invalid = await service.RepeatAsync(roundId.Value, new RoundInput("", masa, new DateInput("1", "12", "2028"), new DateInput("1", "11", "2028")), user);
        Assert.Null(invalid.RoundId);
        Assert.Equal(["Enter a title for the round, for example Section 11 audit 2026", "Select the framework agencies will complete", "Return-by date must be after the open date"],
            invalid.Errors.Select(e => e.Message));

        var (newId, errors) = await service.RepeatAsync(roundId.Value,
            new RoundInput("Section 11 audit 2029", primaryCare, new DateInput("1", "12", "2028"), new DateInput("31", "3", "2029")), user);
        Assert.Empty(errors);

        await using var check = database.CreateContext();
        var repeated = await check.Rounds.SingleAsync(r => r.Id == newId);
        Assert.Equal((roundId, (DateTime?)null, (DateTime?)null, new DateOnly(2029, 3, 31)), (repeated.RepeatsRoundId, repeated.LaunchedAt, repeated.ClosedAt, repeated.DueOn));
        Assert.Empty(await check.Receipts.Where(x => x.RoundId == newId).ToListAsync());
        var (section, items) = await new RoundService(check, _catalog, _time).GetLocalItemsAsync(newId!.Value);
        Assert.Equal(newId, section!.RoundId);
        Assert.Equal([("9.1", "The practice attends the MASH briefing.", "Register|Minutes"), ("9.2", "The practice has a named GP.", "")],
            items.Select(i => (i.Number, i.Text, string.Join("|", i.Evidence))));
        Assert.Equal([p.AgencyIds[0], p.AgencyIds[2]], (await new RoundService(check, _catalog, _time).GetLaunchAgenciesAsync(newId.Value)).Order());
        var id = newId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(await check.ChangeLog.Where(c => c.EntityType == "Round" && c.EntityId == id).Select(c => c.Field).ToListAsync(), f => f == "RepeatsRoundId");

        // The old round's own items are untouched; a round that repeats nothing offers every member agency.
        Assert.Equal(2, (await new RoundService(check, _catalog, _time).GetLocalItemsAsync(roundId.Value)).Items.Count);
        Assert.Equal(p.AgencyIds.Order(), (await new RoundService(check, _catalog, _time).GetLaunchAgenciesAsync(roundId.Value)).Order());
    }
}
