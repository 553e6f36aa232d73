using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>A peer reviewer of a round as the administrator's page lists them, with the agencies whose returns they review.</summary>
public sealed record PeerReviewerRow(int Id, string Name, string Email, string AgencyName, bool Accepted, DateTime InvitedAt, IReadOnlyList<string> Reviewing);

/// <summary>An agency a peer reviewer can come from: a member of the round's partnership.</summary>
public sealed record PeerAgency(int Id, string Name);

/// <summary>The round's peer reviewers page: who they are, and the agencies a new one can come from.</summary>
public sealed record PeerReviewerList(int RoundId, string RoundTitle, bool RoundClosed, IReadOnlyList<PeerReviewerRow> Peers, IReadOnlyList<PeerAgency> Agencies);

/// <summary>What the administrator typed to invite a peer reviewer.</summary>
public sealed record PeerInvite(string? AgencyId, string? Email, string? Name);

/// <summary>Invited: a new account (its invitation link emailed), or an offer waiting on an existing account's page.</summary>
public sealed record PeerInvited(string Email, bool Pending, string? DeliveredTo);

/// <summary>A round in which the person is a peer reviewer, with the receipts assigned to them: their home page's "Returns to review".</summary>
public sealed record PeerReviewRound(int PartnershipId, string PartnershipName, int RoundId, string RoundTitle, IReadOnlyList<HomeReviewLink> Reviews);

public sealed record HomeReviewLink(int ReceiptId, string AgencyName, ReviewState State);

/// <summary>
/// Peer-agency reviewers for one round (docs/review.md): invited by the partnership's administrator through the
/// usual invitation (a new account) or role offer (an existing one, which accepts on its account page), and removed
/// by them. Every change is in the change log (entity PeerReviewer, no return id), in the same transaction.
/// </summary>
public sealed class PeerReviewerService(Section11DbContext db, InvitationService invitations, EmailSender email, TimeProvider time, IOptions<AccountOptions> options)
{
    private Actor By(string userId) => new(userId, time.GetUtcNow().UtcDateTime);

    public async Task<PeerReviewerList> GetListAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.Id, r.Title, r.PartnershipId, r.ClosedAt }).SingleAsync(ct);
        var peers = await (from p in db.PeerReviewers.AsNoTracking()
                           join u in db.Users on p.UserId equals u.Id
                           where p.RoundId == roundId
                           orderby u.DisplayName, u.Email
                           select new
                           {
                               p.Id, u.DisplayName, Email = u.Email ?? "", Agency = p.Agency.Name, p.AcceptedAt, p.InvitedAt,
                               Reviewing = db.ReviewAssignments.Where(a => a.UserId == p.UserId && a.Receipt.RoundId == roundId)
                                   .Select(a => a.Receipt.Agency.Name).OrderBy(n => n).ToList(),
                           }).ToListAsync(ct);
        var agencies = await db.PartnershipMemberships.AsNoTracking().Where(m => m.PartnershipId == round.PartnershipId)
            .OrderBy(m => m.Agency.Name).Select(m => new PeerAgency(m.AgencyId, m.Agency.Name)).ToListAsync(ct);
        return new(round.Id, round.Title, round.ClosedAt is not null,
            [.. peers.Select(p => new PeerReviewerRow(p.Id, p.DisplayName, p.Email, p.Agency, p.AcceptedAt is not null, p.InvitedAt, p.Reviewing))], agencies);
    }

    /// <summary>
    /// Asks a person of a member agency to review in this round. A new address gets an account and its invitation (accepting
    /// it is their consent, so they are a peer reviewer at once); an existing account is offered the place and has it
    /// once it accepts on its account page.
    /// </summary>
    public async Task<(PeerInvited? Invited, IReadOnlyList<FieldError> Errors)> InviteAsync(
        int roundId, PeerInvite input, string inviterId, string? requestBase, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new { r.Title, r.PartnershipId, Partnership = r.Partnership.Name, r.ClosedAt }).SingleAsync(ct);
        var errors = InvitationService.CheckInvitee(input.Email, input.Name);
        var agencyId = int.TryParse(input.AgencyId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a)
            && await db.PartnershipMemberships.AnyAsync(m => m.PartnershipId == round.PartnershipId && m.AgencyId == a, ct) ? a : (int?)null;
        if (agencyId is null)
        {
            errors.Insert(0, new("AgencyId", "Select the agency the person is from"));
        }

        if (round.ClosedAt is not null)
        {
            return (null, [new("", "This round is closed, so nobody can be invited to review in it")]);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var address = input.Email!.Trim();
        var name = input.Name!.Trim();
        var normalised = address.ToUpperInvariant();
        var existing = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised)
            .Select(u => new { u.Id, u.Email, u.DisplayName, HasPassword = u.PasswordHash != null }).FirstOrDefaultAsync(ct);
        var forName = $"{round.Title} ({round.Partnership})";
        var roleText = $"a peer reviewer for {forName}";
        if (existing is not null)
        {
            if (await db.PeerReviewers.AnyAsync(p => p.RoundId == roundId && p.UserId == existing.Id, ct))
            {
                return (null, [new("Email", $"{existing.Email} has already been invited to review in this round")]);
            }

            if (await db.RoleAssignments.AnyAsync(r => r.UserId == existing.Id && r.PartnershipId == round.PartnershipId, ct))
            {
                return (null, [new("Email", $"{existing.Email} already has a role in {round.Partnership}: assign them from a return's reviewers page")]);
            }
        }

        var actor = By(inviterId);
        if (existing is null)
        {
            var sent = await invitations.InviteAsync(address, name, requestBase, inviterId, roleText, ct);
            if (sent.Sent is null)
            {
                return (null, sent.Errors);
            }

            await AddAsync(roundId, sent.Sent.UserId, agencyId!.Value, actor, accepted: true, ct);
            return (new PeerInvited(sent.Sent.Email, false, sent.Sent.DeliveredTo), []);
        }

        var grantId = await AddAsync(roundId, existing.Id, agencyId!.Value, actor, accepted: false, ct);
        string? deliveredTo;
        if (existing.HasPassword)
        {
            var offeredBy = await db.Users.Where(u => u.Id == inviterId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "An administrator";
            deliveredTo = await email.SendAsync(TenancyEmails.RoleOffered(existing.Email!, existing.DisplayName, offeredBy, "a peer reviewer", forName,
                $"{options.Value.LinkBase(requestBase)}/account/roles/{grantId}"), ct);
        }
        else
        {
            // An account that never signed in gets its invitation again; the offer waits on its account page.
            deliveredTo = (await invitations.InviteAsync(address, name, requestBase, inviterId, roleText, ct)).Sent?.DeliveredTo;
        }

        return (new PeerInvited(existing.Email!, true, deliveredTo), []);
    }

    /// <summary>The peer reviewer's row (accepted, or waiting with its offer), with the change log, all or nothing. The offer's id, or 0.</summary>
    private async Task<int> AddAsync(int roundId, string userId, int agencyId, Actor actor, bool accepted, CancellationToken ct)
    {
        var peer = new PeerReviewer { RoundId = roundId, UserId = userId, AgencyId = agencyId, InvitedById = actor.UserId, InvitedAt = actor.At, AcceptedAt = accepted ? actor.At : null };
        var grant = accepted ? null : new RoleGrant
        {
            UserId = userId, Role = Role.PeerReviewer, RoundId = roundId, GrantedById = actor.UserId, CreatedAt = actor.At, Outcome = RequestOutcome.Pending,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PeerReviewers.Add(peer);
        if (grant is not null)
        {
            db.RoleGrants.Add(grant);
        }

        await db.SaveChangesAsync(ct);
        db.Record(actor, nameof(PeerReviewer), peer.Id, "Invited", null, $"user {userId} of agency {agencyId} for round {roundId}{(accepted ? "" : $", offer {grant!.Id}")}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return grant?.Id ?? 0;
    }

    /// <summary>
    /// The person's answer to an offered peer-reviewer place (called by <see cref="PeopleService.DecideAsync"/> in its
    /// transaction, the grant already decided): accepting starts it, declining removes the waiting row.
    /// </summary>
    internal static async Task<string?> DecideAsync(Section11DbContext db, RoleGrant grant, bool accept, Actor actor, CancellationToken ct)
    {
        var peer = await db.PeerReviewers.SingleOrDefaultAsync(p => p.RoundId == grant.RoundId && p.UserId == grant.UserId && p.AcceptedAt == null, ct);
        if (peer is null)
        {
            return accept ? "This offer has been withdrawn. You can decline it." : null;
        }

        if (accept)
        {
            peer.AcceptedAt = actor.At;
            db.Record(actor, nameof(PeerReviewer), peer.Id, "Accepted", null, actor.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            db.PeerReviewers.Remove(peer);
            db.Record(actor, nameof(PeerReviewer), peer.Id, "Declined", $"user {peer.UserId} for round {peer.RoundId}", null);
        }

        return null;
    }

    /// <summary>
    /// Ends a peer reviewer's place in the round at once: they are taken off every review of the round, an offer not yet
    /// answered is withdrawn, and their access ends (every page asks <see cref="PeerReviewerRules"/>). Null when not of this round (404).
    /// </summary>
    public async Task<IReadOnlyList<FieldError>?> RemoveAsync(int roundId, int peerId, string userId, CancellationToken ct = default)
    {
        var peer = await db.PeerReviewers.SingleOrDefaultAsync(p => p.Id == peerId && p.RoundId == roundId, ct);
        if (peer is null)
        {
            return null;
        }

        var actor = By(userId);
        var assignments = await db.ReviewAssignments.Include(a => a.Receipt)
            .Where(a => a.UserId == peer.UserId && a.Receipt.RoundId == roundId).ToListAsync(ct);
        foreach (var assignment in assignments)
        {
            db.ReviewAssignments.Remove(assignment);
            db.ChangeLog.Add(assignment.Receipt.ReviewChange(actor, "Reviewer", assignment.UserId, null));
        }

        var offers = await db.RoleGrants.Where(g => g.UserId == peer.UserId && g.RoundId == roundId && g.Outcome == RequestOutcome.Pending).ToListAsync(ct);
        foreach (var offer in offers)
        {
            offer.Decide(accept: false, actor.At);
            db.Record(actor, nameof(RoleGrant), offer.Id, "Outcome", nameof(RequestOutcome.Pending), "Withdrawn");
        }

        db.PeerReviewers.Remove(peer);
        db.Record(actor, nameof(PeerReviewer), peer.Id, "Removed", $"user {peer.UserId} of agency {peer.AgencyId} for round {roundId}", null);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>The rounds (not closed) in which the person is an accepted peer reviewer, each with the receipts assigned to them.</summary>
    public async Task<IReadOnlyList<PeerReviewRound>> GetRoundsAsync(string userId, CancellationToken ct = default)
    {
        var rows = await PeerReviewerRules.Active(db, userId).AsNoTracking()
            .OrderBy(p => p.Round.DueOn).ThenBy(p => p.RoundId)
            .Select(p => new
            {
                p.Round.PartnershipId, Partnership = p.Round.Partnership.Name, p.RoundId, p.Round.Title,
                Reviews = db.ReviewAssignments.Where(a => a.UserId == userId && a.Receipt.RoundId == p.RoundId)
                    .OrderBy(a => a.Receipt.Agency.Name).Select(a => new HomeReviewLink(a.ReceiptId, a.Receipt.Agency.Name, a.Receipt.ReviewState)).ToList(),
            }).ToListAsync(ct);
        return [.. rows.Select(r => new PeerReviewRound(r.PartnershipId, r.Partnership, r.RoundId, r.Title, r.Reviews))];
    }
}
