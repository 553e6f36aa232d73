using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Tests.Accounts;

namespace Section11.Core.Tests.WritePaths;

/// <summary>
/// The cases of accounts: invitations and account administration. Identity is wired as the web app wires it
/// (<see cref="AccountServices"/>), but its user store saves through the watched context, as it shares the request's.
/// </summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> AccountCases() => new()
    {
        ["InvitationService.InviteAsync"] = async (t, db, _) =>
        {
            await using var accounts = new AccountServices(t.Database, t._time);
            var (_, _, inviter) = await t.PartnershipAsync();
            var result = await t.Invitations(accounts, db).InviteAsync(NewAddress(), "Sam New", null, inviter, "a partnership reviewer");
            Assert.Empty(result.Errors);
            Assert.NotNull(result.Sent);
        },
        ["InvitationService.InvitePlatformAdministratorAsync"] = async (t, db, _) =>
        {
            await using var accounts = new AccountServices(t.Database, t._time);
            var result = await t.Invitations(accounts, db).InvitePlatformAdministratorAsync(NewAddress(), "Alex Admin", null);
            Assert.Empty(result.Errors);
            Assert.True(await db.RoleAssignments.AnyAsync(r => r.UserId == result.Sent!.UserId && r.Role == Role.PlatformAdministrator));
        },
        ["AccountAdministration.DeactivateAsync"] = async (t, db, _) =>
        {
            var (userId, adminId) = await t.AccountAndAdministratorAsync();
            await using (var other = t.Database.CreateContext())
            {
                Assert.NotNull(await new SessionService(other, new SecurityLog(other, t._time), t._time).StartAsync(userId, "Test browser"));
            }

            var result = await t.Administration(db).DeactivateAsync(userId, adminId);
            Assert.Equal((AccountChange.Done, 1), (result.Outcome, result.SessionsEnded));
        },
        ["AccountAdministration.ReactivateAsync"] = async (t, db, _) =>
        {
            var (userId, adminId) = await t.AccountAndAdministratorAsync();
            await using (var other = t.Database.CreateContext())
            {
                Assert.Equal(AccountChange.Done, (await t.Administration(other).DeactivateAsync(userId, adminId)).Outcome);
            }

            Assert.Equal(AccountChange.Done, (await t.Administration(db).ReactivateAsync(userId, adminId)).Outcome);
        },
    };

    private static string NewAddress() => $"person-{Guid.NewGuid():N}@test.example";

    /// <summary>The invitation service over <paramref name="db"/>: its user manager's store saves through that context too.</summary>
    private InvitationService Invitations(AccountServices accounts, Section11DbContext db)
    {
        var provider = accounts.Get<IServiceProvider>();
        var store = (IUserStore<ApplicationUser>)ActivatorUtilities.CreateInstance(provider, accounts.Get<IUserStore<ApplicationUser>>().GetType(), db);
        var users = ActivatorUtilities.CreateInstance<UserManager<ApplicationUser>>(provider, store);
        return new InvitationService(db, users, accounts.Get<EmailSender>(), new SecurityLog(db, _time), _time, accounts.Get<IOptions<AccountOptions>>());
    }

    private AccountAdministration Administration(Section11DbContext db)
    {
        var log = new SecurityLog(db, _time);
        return new AccountAdministration(db, new SessionService(db, log, _time), log, _time);
    }

    private async Task<(string UserId, string AdministratorId)> AccountAndAdministratorAsync()
    {
        var (_, agencies, userId) = await PartnershipAsync();
        await using var db = database.CreateContext();
        var adminId = await Support.TestData.CreateUserAsync(db, agencies[1], name: "Alex Admin");
        db.RoleAssignments.Add(new RoleAssignment { UserId = adminId, Role = Role.PlatformAdministrator });
        await db.SaveChangesAsync();
        return (userId, adminId);
    }
}
