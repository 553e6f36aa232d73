using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Returns;

/// <summary>
/// What a partnership's request offers to share is one rule (<c>SharingService.Shareable</c>): the agency's returns
/// on the round's framework version that do not already go to that partnership and are this cycle's. The request
/// lists exactly those, and the choice accepts nothing else.
/// </summary>
[Trait("Category", "Share")]
public sealed class ShareableRuleTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
    private readonly FrameworkCatalog _catalog = new();

    [Fact]
    public async Task A_request_offers_this_cycles_returns_on_its_framework_and_refuses_an_earlier_cycles()
    {
        await using var db = database.CreateContext();
        var masa = await db.FrameworkVersions.Include(f => f.Standards.Where(s => s.RoundId == null)).ThenInclude(s => s.Items)
            .SingleAsync(f => f.FrameworkKey == "masa-2018");
        var primaryCare = await db.FrameworkVersions.Include(f => f.Standards.Where(s => s.RoundId == null)).ThenInclude(s => s.Items)
            .SingleAsync(f => f.FrameworkKey == "primary-care-2014");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var agency = new Agency { Name = $"Shared trust {suffix}", Sector = Sector.Health };
        var a = new Partnership { Name = $"A {suffix}", Memberships = [new PartnershipMembership { Agency = agency }] };
        var b = new Partnership { Name = $"B {suffix}", Memberships = [new PartnershipMembership { Agency = agency }] };
        Round Round(Partnership p, FrameworkVersion f, string title, DateOnly opens, DateOnly due) =>
            new() { Partnership = p, FrameworkVersion = f, Title = title, OpensOn = opens, DueOn = due, CreatedAt = Now, LaunchedAt = Now };
        var earlier = TestReturns.Start(Round(a, masa, "A 2024", new(2024, 1, 1), new(2024, 3, 31)), agency, masa, Now);
        var current = TestReturns.Start(Round(a, masa, "A 2026", new(2026, 10, 1), new(2027, 3, 31)), agency, masa, Now);
        var otherFramework = TestReturns.Start(Round(a, primaryCare, "A 2026 primary care", new(2026, 10, 1), new(2027, 3, 31)), agency, primaryCare, Now);
        var asking = Round(b, masa, "B 2026", new(2026, 11, 1), new(2027, 4, 30));
        db.AddRange(earlier, current, otherFramework, asking);
        await db.SaveChangesAsync();
        var receipt = Receipt.For(asking, agency, Now);
        db.Receipts.Add(receipt);
        await db.SaveChangesAsync();

        var sharing = new SharingService(db, _catalog, TimeProvider.System);
        var request = (await sharing.GetRequestAsync(agency.Id, receipt.Id))!;
        Assert.Equal([(current.Id, ReturnStatus.Draft, $"A {suffix}")], request.Returns.Select(r => (r.ReturnId, r.Status, Assert.Single(r.Partnerships))));
        Assert.Equal([agency.Id], await SharingService.AgenciesWithShareableReturns(db, asking, [agency.Id]).ToListAsync());

        // The earlier cycle's return, or one on another framework, cannot be sent even by asking for it.
        foreach (var refused in new[] { earlier.Id, otherFramework.Id })
        {
            Assert.Equal("Select a return to share, or start a separate one", Assert.Single(await sharing.ChooseAsync(agency.Id, receipt.Id, refused, "lead")).Message);
        }

        Assert.Empty(await sharing.ChooseAsync(agency.Id, receipt.Id, current.Id, "lead"));
        await using var check = database.CreateContext();
        Assert.Equal(current.Id, await check.Receipts.Where(x => x.Id == receipt.Id).Select(x => x.ReturnId).SingleAsync());

        // Once it goes to B, nothing of the agency's is offered to B again.
        Assert.Empty(await SharingService.AgenciesWithShareableReturns(check, asking, [agency.Id]).ToListAsync());
    }
}
