using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Tests.Accounts;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.WritePaths;

/// <summary>Delegation of a return's standards, and the agency's own details and memberships.</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> DelegationCases() => new()
    {
        ["AssignmentService.AssignAsync"] = async (t, db, _) =>
        {
            int returnId;
            string lead, contributor;
            await using (var other = t.Database.CreateContext())
            {
                var created = await TestData.CreateReturnAsync(other, "masa-2018");
                returnId = created.ReturnId;
                lead = await TestData.CreateUserAsync(other, created.AgencyId);
                contributor = await TestData.CreateUserAsync(other, created.AgencyId, Role.AgencyContributor, "Cara Contributor");
            }

            var service = new AssignmentService(db, t._catalog, t._time);
            var summary = (await new ReturnService(db, t._catalog, t._time).GetSummaryAsync(returnId))!;
            var choice = await service.GetChoiceAsync(summary);
            Assert.Empty(await service.AssignAsync(summary, new Dictionary<int, string?> { [choice.Standards[0].Standard.Id] = contributor }, lead));
            Assert.True(await db.StandardAssignments.AnyAsync(a => a.ReturnId == returnId && a.UserId == contributor));
        },
        ["AgencyService.UpdateAsync"] = async (t, db, _) =>
        {
            var (_, agencies, lead) = await t.PartnershipAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            Assert.Empty(await t.Agencies(accounts, db).UpdateAsync(agencies[0],
                new AgencyInput($"Renamed practice {Guid.NewGuid():N}", nameof(Sector.Health), "Dr Ada Contact", "ada@practice.example", "01632 960 001"), lead));
        },
        ["AgencyService.RemoveFromPartnershipAsync"] = async (t, db, _) =>
        {
            var (partnershipId, agencies, user) = await t.PartnershipAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            Assert.Empty((await t.Agencies(accounts, db).RemoveFromPartnershipAsync(partnershipId, agencies[1], user))!);
        },
    };

    private AgencyService Agencies(AccountServices accounts, Section11DbContext db) => new(db, People(accounts, db), _time);
}
