using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Review;
using Section11.Core.Tests.Accounts;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Review;

/// <summary>Peer-agency reviewers for one round: inviting, accepting, the candidates, the own-agency refusal, removal and what they may reach.</summary>
[Trait("Category", "Review")]
public sealed class PeerReviewerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private sealed record Setup(ReviewTestData.ReviewedReceipt Receipt, int PeerAgencyId, string Admin, AccountServices Accounts, Section11DbContext Db)
    {
        public PeerReviewerService Peers => new(Db, Accounts.Get<InvitationService>(), Accounts.Get<EmailSender>(), Accounts.Time, Accounts.Get<IOptions<AccountOptions>>());
        public ReviewService Reviews => new(Db, new FrameworkCatalog(), Accounts.Time);
        public PeopleService People => new(Db, Accounts.Get<InvitationService>(), Accounts.Get<EmailSender>(), Accounts.Time, Accounts.Get<IOptions<AccountOptions>>());
    }

    /// <summary>A submitted receipt of agency A in a partnership that has a second member, agency B, the peers' agency.</summary>
    private async Task<Setup> SetUpAsync(AccountServices accounts)
    {
        var receipt = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        var db = accounts.Get<Section11DbContext>();
        var peerAgency = new Agency { Name = $"Peer agency {Guid.NewGuid():N}"[..24], Sector = Sector.Health };
        db.Agencies.Add(peerAgency);
        db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = receipt.PartnershipId, Agency = peerAgency });
        await db.SaveChangesAsync();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, receipt.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        return new(receipt, peerAgency.Id, admin, accounts, db);
    }

    private static string Email() => $"peer-{Guid.NewGuid():N}@test.example";

    [Fact]
    public async Task A_new_person_invited_is_a_peer_reviewer_at_once_a_candidate_for_the_round_and_reaches_only_what_is_assigned()
    {
        await using var accounts = new AccountServices(database, _time);
        var s = await SetUpAsync(accounts);
        var email = Email();

        var (invited, errors) = await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), email, "Pat Peer"), s.Admin, null);

        Assert.Empty(errors);
        Assert.False(invited!.Pending);
        var peer = await s.Db.PeerReviewers.AsNoTracking().SingleAsync(p => p.RoundId == s.Receipt.RoundId);
        Assert.Equal((s.PeerAgencyId, s.Admin, Now.UtcDateTime), (peer.AgencyId, peer.InvitedById, peer.AcceptedAt!.Value));
        Assert.Contains(accounts.Emails(), m => m.To.ToString().Contains(email, StringComparison.Ordinal) && (m.TextBody ?? "").Contains("/account/accept/", StringComparison.Ordinal));
        // Never a role in the partnership: nothing that reads roles lets them in.
        Assert.False(await s.Db.RoleAssignments.AnyAsync(r => r.UserId == peer.UserId));
        var logged = Assert.Single(await s.Db.ChangeLog.Where(c => c.EntityType == nameof(PeerReviewer) && c.EntityId == peer.Id.ToString()).ToListAsync());
        Assert.Equal(("Invited", s.Admin, (int?)null), (logged.Field, logged.UserId, logged.ReturnId));

        var candidates = await s.Reviews.GetCandidatesAsync(s.Receipt.PartnershipId, s.Receipt.RoundId);
        Assert.Contains(candidates, c => c.UserId == peer.UserId && c.IsPeer && c.PeerAgencyId == s.PeerAgencyId);
        Assert.DoesNotContain(await s.Reviews.GetCandidatesAsync(s.Receipt.PartnershipId), c => c.UserId == peer.UserId);

        Assert.False(await s.Reviews.MayPeerReviewAsync(s.Receipt.ReceiptId, peer.UserId));
        Assert.Empty(await s.Reviews.AssignAsync(s.Receipt.ReceiptId, [peer.UserId], s.Admin));
        Assert.True(await s.Reviews.MayPeerReviewAsync(s.Receipt.ReceiptId, peer.UserId));
        Assert.True(await s.Reviews.MayModerateAsync(s.Receipt.ReceiptId, peer.UserId));
        Assert.Equal([s.Receipt.PartnershipId], await s.Reviews.PeerReviewedPartnershipsAsync(s.Receipt.Summary.Id, peer.UserId));
        var home = Assert.Single(await s.Peers.GetRoundsAsync(peer.UserId));
        Assert.Equal(s.Receipt.ReceiptId, Assert.Single(home.Reviews).ReceiptId);
    }

    [Fact]
    public async Task A_peer_reviewer_is_never_assigned_to_their_own_agencys_return()
    {
        await using var accounts = new AccountServices(database, _time);
        var s = await SetUpAsync(accounts);
        // Invited as being from the reviewed agency itself.
        Assert.Empty((await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.Receipt.Summary.AgencyId.ToString(), Email(), "Oona Own"), s.Admin, null)).Errors);
        // Invited as from the peer agency, but holding a role in the reviewed agency too.
        var email = Email();
        Assert.Empty((await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), email, "Dee Double"), s.Admin, null)).Errors);
        var own = await s.Db.PeerReviewers.Where(p => p.RoundId == s.Receipt.RoundId && p.AgencyId == s.Receipt.Summary.AgencyId).Select(p => p.UserId).SingleAsync();
        var both = await s.Db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        s.Db.RoleAssignments.Add(new RoleAssignment { UserId = both, Role = Role.AgencyContributor, AgencyId = s.Receipt.Summary.AgencyId });
        await s.Db.SaveChangesAsync();
        var agencyName = s.Receipt.Summary.AgencyName;

        var errors = await s.Reviews.AssignAsync(s.Receipt.ReceiptId, [own, both], s.Admin);

        Assert.Equal([$"Dee Double is of {agencyName}, so cannot review {Wording.Possessive(agencyName)} own return",
            $"Oona Own is of {agencyName}, so cannot review {Wording.Possessive(agencyName)} own return"], errors.Select(e => e.Message).Order(StringComparer.Ordinal));
        Assert.False(await s.Db.ReviewAssignments.AnyAsync(a => a.ReceiptId == s.Receipt.ReceiptId));
    }

    [Fact]
    public async Task An_existing_account_is_offered_the_place_and_reviews_only_once_it_accepts_or_not_at_all_if_it_declines()
    {
        await using var accounts = new AccountServices(database, _time);
        var s = await SetUpAsync(accounts);
        var lead = await accounts.CreateUserAsync(Email(), "Lee Lead");
        await accounts.Users.AddPasswordAsync(lead, "correct-horse-battery-staple");
        var other = await accounts.CreateUserAsync(Email(), "Nia No");
        await accounts.Users.AddPasswordAsync(other, "correct-horse-battery-staple");

        var (invited, errors) = await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), lead.Email, "Lee Lead"), s.Admin, null);
        Assert.Empty(errors);
        Assert.True(invited!.Pending);
        Assert.Empty((await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), other.Email, "Nia No"), s.Admin, null)).Errors);
        Assert.DoesNotContain(await s.Reviews.GetCandidatesAsync(s.Receipt.PartnershipId, s.Receipt.RoundId), c => c.UserId == lead.Id);
        var offer = Assert.Single(await s.People.GetPendingAsync(lead.Id));
        Assert.Equal(Role.PeerReviewer, offer.Role);
        Assert.Contains(accounts.Emails(), m => (m.TextBody ?? "").Contains($"/account/roles/{offer.Id}", StringComparison.Ordinal));

        Assert.Empty((await s.People.DecideAsync(lead.Id, offer.Id, "Accept"))!);
        Assert.Empty((await s.People.DecideAsync(other.Id, Assert.Single(await s.People.GetPendingAsync(other.Id)).Id, "Decline"))!);

        await using var check = database.CreateContext();
        Assert.NotNull((await check.PeerReviewers.SingleAsync(p => p.UserId == lead.Id)).AcceptedAt);
        Assert.False(await check.PeerReviewers.AnyAsync(p => p.UserId == other.Id));
        Assert.False(await check.RoleAssignments.AnyAsync(r => r.UserId == lead.Id || r.UserId == other.Id));
        Assert.Contains(await s.Reviews.GetCandidatesAsync(s.Receipt.PartnershipId, s.Receipt.RoundId), c => c.UserId == lead.Id);
        Assert.Equal(["Invited", "Accepted"], await check.ChangeLog.Where(c => c.EntityType == nameof(PeerReviewer) && c.OldValue == null && c.UserId != null
            && check.PeerReviewers.Any(p => p.UserId == lead.Id && p.Id.ToString() == c.EntityId)).OrderBy(c => c.Id).Select(c => c.Field).ToListAsync());
    }

    [Fact]
    public async Task Removing_a_peer_reviewer_or_closing_the_round_ends_their_access_each_change_in_the_log()
    {
        await using var accounts = new AccountServices(database, _time);
        var s = await SetUpAsync(accounts);
        Assert.Empty((await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), Email(), "Pat Peer"), s.Admin, null)).Errors);
        Assert.Empty((await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), Email(), "Quin Peer"), s.Admin, null)).Errors);
        var peers = await s.Db.PeerReviewers.Where(p => p.RoundId == s.Receipt.RoundId).Join(s.Db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.Id, p.UserId, u.DisplayName })
            .OrderBy(p => p.DisplayName).ToListAsync();
        var (pat, quin) = (peers[0], peers[1]);
        Assert.Empty(await s.Reviews.AssignAsync(s.Receipt.ReceiptId, [pat.UserId, quin.UserId], s.Admin));
        var listed = (await s.Peers.GetListAsync(s.Receipt.RoundId)).Peers;
        Assert.Equal(["Pat Peer", "Quin Peer"], listed.Select(p => p.Name));
        Assert.All(listed, p => Assert.Equal([s.Receipt.Summary.AgencyName], p.Reviewing));

        Assert.Null(await s.Peers.RemoveAsync(s.Receipt.RoundId + 100_000, pat.Id, s.Admin));
        Assert.Empty((await s.Peers.RemoveAsync(s.Receipt.RoundId, pat.Id, s.Admin))!);

        await using var check = database.CreateContext();
        var reviews = new ReviewService(check, _catalog, _time);
        Assert.False(await reviews.MayPeerReviewAsync(s.Receipt.ReceiptId, pat.UserId));
        Assert.Equal([quin.UserId], await check.ReviewAssignments.Where(a => a.ReceiptId == s.Receipt.ReceiptId).Select(a => a.UserId).ToListAsync());
        var removed = await check.ChangeLog.Where(c => c.EntityType == nameof(PeerReviewer) && c.EntityId == pat.Id.ToString() && c.Field == "Removed").SingleAsync();
        Assert.Equal(s.Admin, removed.UserId);
        var unassigned = await check.ChangeLog.Where(c => c.EntityType == "Receipt" && c.EntityId == s.Receipt.ReceiptId.ToString() && c.Field == "Reviewer")
            .OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal((pat.UserId, (string?)null), (unassigned.OldValue!, unassigned.NewValue));

        // The round closes: Quin, still assigned, can reach nothing more.
        Assert.True(await reviews.MayPeerReviewAsync(s.Receipt.ReceiptId, quin.UserId));
        await check.Rounds.Where(r => r.Id == s.Receipt.RoundId).ExecuteUpdateAsync(x => x.SetProperty(r => r.ClosedAt, Now.UtcDateTime));
        Assert.False(await reviews.MayPeerReviewAsync(s.Receipt.ReceiptId, quin.UserId));
        Assert.Empty(await new PeerReviewerService(check, accounts.Get<InvitationService>(), accounts.Get<EmailSender>(), _time, accounts.Get<IOptions<AccountOptions>>()).GetRoundsAsync(quin.UserId));
        var (_, closed) = await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), Email(), "Late Peer"), s.Admin, null);
        Assert.Equal(["This round is closed, so nobody can be invited to review in it"], closed.Select(e => e.Message));
    }

    [Fact]
    public async Task An_invitation_needs_a_member_agency_a_name_and_an_address_and_is_refused_for_someone_already_invited_or_of_the_partnership()
    {
        await using var accounts = new AccountServices(database, _time);
        var s = await SetUpAsync(accounts);
        var elsewhere = await PartnershipTestData.CreatePartnershipAsync(s.Db, "Far agency");

        var (_, blank) = await s.Peers.InviteAsync(s.Receipt.RoundId, new(null, " ", ""), s.Admin, null);
        Assert.Equal(["AgencyId", "Email", "DisplayName"], blank.Select(e => e.Key));
        var (_, far) = await s.Peers.InviteAsync(s.Receipt.RoundId, new(elsewhere.AgencyIds[0].ToString(), Email(), "Far Peer"), s.Admin, null);
        Assert.Equal(["Select the agency the person is from"], far.Select(e => e.Message));

        var email = Email();
        Assert.Empty((await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), email, "Pat Peer"), s.Admin, null)).Errors);
        var (_, again) = await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), email, "Pat Peer"), s.Admin, null);
        Assert.Equal([$"{email} has already been invited to review in this round"], again.Select(e => e.Message));
        var adminEmail = await s.Db.Users.Where(u => u.Id == s.Admin).Select(u => u.Email).SingleAsync();
        var (_, member) = await s.Peers.InviteAsync(s.Receipt.RoundId, new(s.PeerAgencyId.ToString(), adminEmail, "Ada Admin"), s.Admin, null);
        Assert.Single(member);
        Assert.Equal(1, await s.Db.PeerReviewers.CountAsync(p => p.RoundId == s.Receipt.RoundId));
    }
}
