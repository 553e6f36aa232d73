using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Tests.Accounts;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The cases of partnerships, their member agencies, membership requests and people's roles.</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> OrganisationCases() => new()
    {
        ["PartnershipService.CreateAsync"] = async (t, db, _) =>
        {
            var (_, _, user) = await t.PartnershipAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            var (id, errors) = await t.Partnerships(accounts, db).CreateAsync($"Partnership {Guid.NewGuid():N}", user);
            Assert.Empty(errors);
            Assert.NotNull(id);
        },
        ["PartnershipService.AddAgencyAsync"] = async (t, db, _) =>
        {
            // A new agency is created as a member; an agency already known is asked to join.
            var (partnershipId, _, user) = await t.PartnershipAsync();
            var (_, known, _) = await t.PartnershipAsync();
            var knownName = await db.Agencies.Where(a => a.Id == known[0]).Select(a => a.Name).SingleAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            var partnerships = t.Partnerships(accounts, db);
            Assert.Equal((PartnershipService.AgencyAdded.Created, 0),
                Counted(await partnerships.AddAgencyAsync(partnershipId, $"Youth service {Guid.NewGuid():N}", nameof(Sector.LocalAuthority), user, null)));
            Assert.Equal((PartnershipService.AgencyAdded.Requested, 0),
                Counted(await partnerships.AddAgencyAsync(partnershipId, knownName, nameof(Sector.Health), user, null)));
        },
        ["PartnershipService.AddPersonAsync"] = async (t, db, _) =>
        {
            // A new person for a partnership role, and the first lead of a member agency (it has no active lead).
            var (partnershipId, agencies, user) = await t.PartnershipAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            var partnerships = t.Partnerships(accounts, db);
            var (reviewer, errors) = await partnerships.AddPersonAsync(partnershipId, NewAddress(), "Rita Reviewer", nameof(Role.PartnershipReviewer), null, user, null);
            Assert.Empty(errors);
            Assert.True(reviewer!.Invited);
            (var lead, errors) = await partnerships.AddPersonAsync(partnershipId, NewAddress(), "Lee Lead", nameof(Role.AgencyLead), agencies[1], user, null);
            Assert.Empty(errors);
            Assert.True(lead!.Invited);
        },
        ["MembershipService.RequestAsync"] = async (t, db, _) =>
        {
            var (partnershipId, _, user) = await t.PartnershipAsync();
            var (_, known, _) = await t.PartnershipAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            var agency = await db.Agencies.SingleAsync(a => a.Id == known[0]);
            await t.Memberships(accounts, db).RequestAsync(partnershipId, agency, user, null);
            Assert.True(await db.MembershipRequests.AnyAsync(r => r.PartnershipId == partnershipId && r.AgencyId == agency.Id));
        },
        ["MembershipService.DecideAsync"] = async (t, db, _) =>
        {
            var (partnershipId, _, user) = await t.PartnershipAsync();
            var (_, known, lead) = await t.PartnershipAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            await using (var other = t.Database.CreateContext())
            {
                await t.Memberships(accounts, other).RequestAsync(partnershipId, await other.Agencies.SingleAsync(a => a.Id == known[0]), user, null);
            }

            var requestId = await db.MembershipRequests.Where(r => r.PartnershipId == partnershipId && r.AgencyId == known[0]).Select(r => r.Id).SingleAsync();
            Assert.Empty((await t.Memberships(accounts, db).DecideAsync(known[0], requestId, "Accept", lead))!);
        },
        ["PeopleService.OfferAsync"] = async (t, db, _) =>
        {
            // A person with an account is offered the role (and, never having signed in, invited again).
            var (_, agencies, lead) = await t.PartnershipAsync();
            var (_, _, person) = await t.PartnershipAsync();
            var address = await db.Users.Where(u => u.Id == person).Select(u => u.Email!).SingleAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            var (added, errors) = await t.People(accounts, db).OfferAsync(new RoleTarget(Role.AgencyContributor, agencies[0], null, null, "GP practice"),
                address, "Test User", lead, null);
            Assert.Empty(errors);
            Assert.True(added!.Pending);
        },
        ["PeopleService.DecideAsync"] = async (t, db, _) =>
        {
            var (_, agencies, lead) = await t.PartnershipAsync();
            var (_, _, person) = await t.PartnershipAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            await using (var other = t.Database.CreateContext())
            {
                var address = await other.Users.Where(u => u.Id == person).Select(u => u.Email!).SingleAsync();
                Assert.Empty((await t.People(accounts, other).OfferAsync(new RoleTarget(Role.AgencyContributor, agencies[0], null, null, "GP practice"),
                    address, "Test User", lead, null)).Errors);
            }

            var grantId = await db.RoleGrants.Where(g => g.UserId == person).Select(g => g.Id).SingleAsync();
            Assert.Empty((await t.People(accounts, db).DecideAsync(person, grantId, "Accept"))!);
        },
        ["PeopleService.RemoveAsync"] = async (t, db, _) =>
        {
            var (_, agencies, lead) = await t.PartnershipAsync();
            int roleId;
            await using (var other = t.Database.CreateContext())
            {
                var contributor = await TestData.CreateUserAsync(other, agencies[0], Role.AgencyContributor, "Cal Contributor");
                roleId = await other.RoleAssignments.Where(r => r.UserId == contributor).Select(r => r.Id).SingleAsync();
            }

            await using var accounts = new AccountServices(t.Database, t._time);
            Assert.Empty((await t.People(accounts, db).RemoveAsync(roleId, agencies[0], null, lead))!);
        },
        ["PeopleService.InviteToAgencyAsync"] = async (t, db, _) =>
        {
            var (_, agencies, lead) = await t.PartnershipAsync();
            await using var accounts = new AccountServices(t.Database, t._time);
            var (added, errors) = await t.People(accounts, db).InviteToAgencyAsync(agencies[0], NewAddress(), "Sam Signatory", nameof(Role.SeniorSignatory), lead, null);
            Assert.Empty(errors);
            Assert.True(added!.Invited);
        },
    };

    private static (PartnershipService.AgencyAdded? Added, int Errors) Counted((PartnershipService.AgencyAdded? Added, IReadOnlyList<Section11.Core.Returns.FieldError> Errors) r) =>
        (r.Added, r.Errors.Count);

    private MembershipService Memberships(AccountServices accounts, Section11DbContext db) =>
        new(db, accounts.Get<EmailSender>(), _time, accounts.Get<IOptions<AccountOptions>>());

    private PeopleService People(AccountServices accounts, Section11DbContext db) =>
        new(db, Invitations(accounts, db), accounts.Get<EmailSender>(), _time, accounts.Get<IOptions<AccountOptions>>());

    private PartnershipService Partnerships(AccountServices accounts, Section11DbContext db) =>
        new(db, People(accounts, db), Memberships(accounts, db), _time);
}
