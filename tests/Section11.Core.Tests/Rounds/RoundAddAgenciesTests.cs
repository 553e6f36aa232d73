using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Rounds;

/// <summary>Agencies added to a launched round get receipts as at launch, and are asked when they have a return to share.</summary>
[Trait("Category", "Operations")]
public sealed class RoundAddAgenciesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    [Fact]
    public async Task Added_agencies_get_a_return_or_are_asked_to_share_one_and_only_members_not_yet_in_an_open_round_can_be_added()
    {
        await using var db = database.CreateContext();
        // Agency "sharer" already has a return on the same framework for another partnership, this cycle.
        var elsewhere = await TestData.CreateReturnAsync(db, "masa-2018");
        var user = await TestData.CreateUserAsync(db, elsewhere.AgencyId);
        var sharer = await db.Agencies.SingleAsync(a => a.Id == elsewhere.AgencyId);
        var first = new Agency { Name = $"First {Guid.NewGuid():N}", Sector = Sector.Health };
        var plain = new Agency { Name = $"Plain {Guid.NewGuid():N}", Sector = Sector.Police };
        var outsider = new Agency { Name = $"Outsider {Guid.NewGuid():N}", Sector = Sector.Police };
        var partnership = new Partnership { Name = $"Adding {Guid.NewGuid():N}" };
        partnership.Memberships.AddRange([new() { Agency = sharer }, new() { Agency = first }, new() { Agency = plain }]);
        db.Partnerships.Add(partnership);
        db.Agencies.Add(outsider);
        await db.SaveChangesAsync();

        var service = new RoundService(db, _catalog, _time);
        var (roundId, _) = await service.CreateAsync(partnership.Id,
            new RoundInput("Section 11 audit 2027", elsewhere.FrameworkVersionId, new DateInput("1", "12", "2026"), new DateInput("31", "3", "2027")), user);
        Assert.Equal("Choose the agencies when you launch the round.", Assert.Single(await service.AddAgenciesAsync(roundId!.Value, [plain.Id], user)).Message);
        Assert.Empty(await service.LaunchAsync(roundId.Value, [first.Id], user));

        Assert.Equal(new[] { plain.Name, sharer.Name }.Order(), (await service.GetAgenciesToAddAsync(roundId.Value)).Select(a => a.Name).Order());
        const string select = "Select the agencies to add to the round";
        Assert.Equal(select, Assert.Single(await service.AddAgenciesAsync(roundId.Value, [], user)).Message);
        Assert.Equal(select, Assert.Single(await service.AddAgenciesAsync(roundId.Value, [first.Id], user)).Message);
        Assert.Equal(select, Assert.Single(await service.AddAgenciesAsync(roundId.Value, [outsider.Id], user)).Message);

        Assert.Empty(await service.AddAgenciesAsync(roundId.Value, [plain.Id, sharer.Id], user));

        await using var check = database.CreateContext();
        var receipts = await check.Receipts.Where(x => x.RoundId == roundId).Include(x => x.Return).ToDictionaryAsync(x => x.AgencyId);
        Assert.Equal(3, receipts.Count);
        Assert.Equal((ReturnStatus.Draft, new DateOnly(2027, 3, 31)), (receipts[plain.Id].Return!.Status, receipts[plain.Id].DueOn));
        Assert.Null(receipts[sharer.Id].ReturnId);
        var requests = await new SharingService(check, _catalog, _time).GetRequestsAsync(user);
        Assert.Equal([elsewhere.ReturnId], Assert.Single(requests, r => r.ReceiptId == receipts[sharer.Id].Id).Returns.Select(r => r.ReturnId));
        var id = receipts[plain.Id].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(await check.ChangeLog.Where(c => c.EntityType == "Receipt" && c.EntityId == id && c.Field == "RoundId").ToListAsync());

        Assert.Empty(await service.CloseAsync(roundId.Value, user));
        Assert.Equal("This round is closed: agencies cannot be added to it.", Assert.Single(await service.AddAgenciesAsync(roundId.Value, [plain.Id], user)).Message);
    }
}
