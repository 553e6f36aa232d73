using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Organisations;

/// <summary>A role held (or, when <see cref="Pending"/>, offered and not yet accepted). Id is the role's, or the offer's.</summary>
public sealed record PersonRole(int Id, string UserId, string DisplayName, string Email, Role Role, string? AgencyName, bool HasSignedIn, bool Pending = false);

/// <summary>A role offered to the signed-in person: what, for whom, and who asked.</summary>
public sealed record PendingRole(int Id, Role Role, string ForName, string OfferedBy, DateTime OfferedAt);

/// <summary>What adding a person did: invited a new account (role given), or offered the role to an existing one.</summary>
public sealed record PersonAdded(string UserId, string Email, bool Invited, bool Pending, string? DeliveredTo);

/// <summary>The role a grant is for: an agency role (with the partnership that offers it, for a first lead) or a partnership role.</summary>
public sealed record RoleTarget(Role Role, int? AgencyId, int? PartnershipId, int? ViaPartnershipId, string ForName);

/// <summary>
/// Who holds which role, and the only ways roles change: given with a new account's invitation, offered to an existing
/// account (which accepts on its account page), or removed. Every change is in the change log, in the same transaction.
/// </summary>
public sealed class PeopleService(Section11DbContext db, InvitationService invitations, EmailSender email, TimeProvider time, IOptions<AccountOptions> options)
{
    private Actor By(string userId) => new(userId, time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Agency leads who have taken up their account (a password, or a linked identity provider). An agency has a lead
    /// once it has one of these; until then it has nobody, and the partnership that set it up may give its first roles.
    /// </summary>
    public IQueryable<RoleAssignment> ActiveLeads => db.RoleAssignments.Where(r => r.Role == Role.AgencyLead && r.AgencyId != null
        && db.Users.Any(u => u.Id == r.UserId && (u.PasswordHash != null || db.UserLogins.Any(l => l.UserId == u.Id))));

    public Task<bool> HasLeadAsync(int agencyId, CancellationToken ct = default) =>
        ActiveLeads.AnyAsync(r => r.AgencyId == agencyId, ct);

    public static string Describe(Role role) => role switch
    {
        Role.AgencyLead => "the safeguarding lead",
        Role.AgencyContributor => "a contributor to the return",
        Role.SeniorSignatory => "the senior signatory",
        Role.PartnershipAdministrator => "a partnership administrator",
        Role.PartnershipReviewer => "a partnership reviewer",
        Role.PeerReviewer => "a peer reviewer",
        _ => "a platform administrator",
    };

    private static string Describe(RoleAssignment r) => $"{r.Role} of {(r.AgencyId is { } a ? $"agency {a}" : $"partnership {r.PartnershipId}")}";

    /// <summary>
    /// Gives <paramref name="target"/> to the person with this address; the caller has checked the inviter may give it.
    /// A new person gets an account and an invitation, and the role (accepting the invitation is their consent). A
    /// person who already has an account is offered the role and gets an email: it is theirs only once they accept.
    /// </summary>
    public async Task<(PersonAdded? Added, IReadOnlyList<FieldError> Errors)> OfferAsync(
        RoleTarget target, string address, string name, string inviterId, string? requestBase, CancellationToken ct = default)
    {
        var normalised = address.Trim().ToUpperInvariant();
        var existing = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised)
            .Select(u => new { u.Id, u.Email, u.DisplayName, HasPassword = u.PasswordHash != null }).FirstOrDefaultAsync(ct);
        var roleText = $"{Describe(target.Role)} for {target.ForName}";
        if (existing is null)
        {
            var sent = await invitations.InviteAsync(address, name, requestBase, inviterId, roleText, ct);
            if (sent.Sent is null)
            {
                return (null, sent.Errors);
            }

            await AssignAsync(sent.Sent.UserId, target, By(inviterId), ct);
            return (new PersonAdded(sent.Sent.UserId, sent.Sent.Email, true, false, sent.Sent.DeliveredTo), []);
        }

        if (await Holds(existing.Id, target).AnyAsync(ct))
        {
            if (existing.HasPassword)
            {
                return (null, [new("Email", $"{existing.Email} already has this role")]);
            }

            // Never signed in: send the invitation again, so the person can take up the role they were given.
            var again = await invitations.InviteAsync(address, name, requestBase, inviterId, roleText, ct);
            return again.Sent is null ? (null, again.Errors) : (new PersonAdded(existing.Id, existing.Email!, true, false, again.Sent.DeliveredTo), []);
        }

        if (await db.RoleGrants.AnyAsync(g => g.UserId == existing.Id && g.Outcome == RequestOutcome.Pending && g.Role == target.Role
                && g.AgencyId == target.AgencyId && g.PartnershipId == target.PartnershipId, ct))
        {
            return (null, [new("Email", $"{existing.Email} has already been asked to take this role and has not answered yet")]);
        }

        var actor = By(inviterId);
        var grant = new RoleGrant
        {
            UserId = existing.Id, Role = target.Role, AgencyId = target.AgencyId, PartnershipId = target.PartnershipId,
            ViaPartnershipId = target.ViaPartnershipId, GrantedById = inviterId, CreatedAt = actor.At, Outcome = RequestOutcome.Pending,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.RoleGrants.Add(grant);
            await db.SaveChangesAsync(ct);
            db.Record(actor, nameof(RoleGrant), grant.Id, "Offered", null, $"{target.Role} for {target.ForName} to {existing.Email}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        string deliveredTo;
        if (existing.HasPassword)
        {
            var offeredBy = await db.Users.Where(u => u.Id == inviterId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "An administrator";
            deliveredTo = await email.SendAsync(TenancyEmails.RoleOffered(existing.Email!, existing.DisplayName, offeredBy, Describe(target.Role), target.ForName,
                $"{options.Value.LinkBase(requestBase)}/account/roles/{grant.Id}"), ct);
        }
        else
        {
            // An account that never signed in gets its invitation again; the offer waits on its account page.
            var again = await invitations.InviteAsync(address, name, requestBase, inviterId, roleText, ct);
            deliveredTo = again.Sent?.DeliveredTo ?? "";
        }

        return (new PersonAdded(existing.Id, existing.Email!, !existing.HasPassword, true, deliveredTo), []);
    }

    private IQueryable<RoleAssignment> Holds(string userId, RoleTarget target) =>
        db.RoleAssignments.Where(r => r.UserId == userId && r.Role == target.Role && r.AgencyId == target.AgencyId && r.PartnershipId == target.PartnershipId);

    private async Task AssignAsync(string userId, RoleTarget target, Actor actor, CancellationToken ct)
    {
        if (await Holds(userId, target).AnyAsync(ct))
        {
            return;
        }

        var role = new RoleAssignment { UserId = userId, Role = target.Role, AgencyId = target.AgencyId, PartnershipId = target.PartnershipId };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.RoleAssignments.Add(role);
        await db.SaveChangesAsync(ct);
        db.Record(actor, nameof(RoleAssignment), role.Id, "Granted", null, $"{Describe(role)} to user {userId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The agency's people and the roles offered for it that are not yet accepted.</summary>
    public async Task<IReadOnlyList<PersonRole>> GetAgencyPeopleAsync(int agencyId, CancellationToken ct = default)
    {
        var held = await db.RoleAssignments.AsNoTracking().Where(r => r.AgencyId == agencyId)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new PersonRole(r.Id, r.UserId, u.DisplayName, u.Email ?? "", r.Role, null, u.PasswordHash != null, false))
            .ToListAsync(ct);
        var offered = await db.RoleGrants.AsNoTracking().Where(g => g.AgencyId == agencyId && g.Outcome == RequestOutcome.Pending)
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => new PersonRole(g.Id, g.UserId, u.DisplayName, u.Email ?? "", g.Role, null, u.PasswordHash != null, true))
            .ToListAsync(ct);
        return [.. held.Concat(offered).OrderBy(p => p.DisplayName).ThenBy(p => p.Role)];
    }

    /// <summary>
    /// A partnership's own roles (and offers of them), and the safeguarding leads of its member agencies, whom the
    /// partnership needs to reach. Nobody else of the agencies: they are the agencies' staff, not the partnership's.
    /// </summary>
    public async Task<IReadOnlyList<PersonRole>> GetPartnershipPeopleAsync(int partnershipId, CancellationToken ct = default)
    {
        var members = db.PartnershipMemberships.Where(m => m.PartnershipId == partnershipId).Select(m => m.AgencyId);
        var held = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PartnershipId == partnershipId || (r.Role == Role.AgencyLead && r.AgencyId != null && members.Contains(r.AgencyId.Value)))
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new PersonRole(r.Id, r.UserId, u.DisplayName, u.Email ?? "", r.Role,
                db.Agencies.Where(a => a.Id == r.AgencyId).Select(a => a.Name).FirstOrDefault(), u.PasswordHash != null, false))
            .ToListAsync(ct);
        var offered = await db.RoleGrants.AsNoTracking().Where(g => g.PartnershipId == partnershipId && g.Outcome == RequestOutcome.Pending)
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => new PersonRole(g.Id, g.UserId, u.DisplayName, u.Email ?? "", g.Role, null, u.PasswordHash != null, true))
            .ToListAsync(ct);
        return [.. held.Concat(offered).OrderBy(p => p.AgencyName).ThenBy(p => p.DisplayName).ThenBy(p => p.Role)];
    }

    public async Task<IReadOnlyList<PendingRole>> GetPendingAsync(string userId, CancellationToken ct = default) =>
        await db.RoleGrants.AsNoTracking().Where(g => g.UserId == userId && g.Outcome == RequestOutcome.Pending)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new PendingRole(g.Id, g.Role,
                (g.AgencyId != null
                    ? db.Agencies.Where(a => a.Id == g.AgencyId).Select(a => a.Name).FirstOrDefault()
                    : g.RoundId != null
                        ? db.Rounds.Where(r => r.Id == g.RoundId).Select(r => r.Title + " (" + r.Partnership.Name + ")").FirstOrDefault()
                        : db.Partnerships.Where(p => p.Id == g.PartnershipId).Select(p => p.Name).FirstOrDefault()) ?? "",
                db.Users.Where(u => u.Id == g.GrantedById).Select(u => u.DisplayName).FirstOrDefault() ?? "An administrator",
                g.CreatedAt))
            .ToListAsync(ct);

    /// <summary>The person's answer to an offered role. Null when the offer is not theirs or not pending (404).</summary>
    public async Task<IReadOnlyList<FieldError>?> DecideAsync(string userId, int grantId, string? decision, CancellationToken ct = default)
    {
        var grant = await db.RoleGrants.SingleOrDefaultAsync(g => g.Id == grantId && g.UserId == userId && g.Outcome == RequestOutcome.Pending, ct);
        if (grant is null)
        {
            return null;
        }

        if (decision is not ("Accept" or "Decline"))
        {
            return [new("Decision", "Select whether you accept or decline the role")];
        }

        var accept = decision == "Accept";
        // A partnership may offer an agency role only while the agency has no lead; once it has one, the lead decides.
        if (accept && grant.ViaPartnershipId is not null && grant.AgencyId is { } agencyId && await HasLeadAsync(agencyId, ct))
        {
            return [new("Decision", "This agency now has a safeguarding lead, who gives its roles: ask them. You can decline this offer.")];
        }

        var actor = By(userId);
        var problem = grant.Decide(accept, actor.At);
        if (problem is not null)
        {
            return [new("Decision", problem)];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Record(actor, nameof(RoleGrant), grant.Id, "Outcome", nameof(RequestOutcome.Pending), grant.Outcome.ToString());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return [new("Decision", "You have already answered this offer.")];
        }

        if (grant.Role == Role.PeerReviewer)
        {
            // A place in one round, not a role: see PeerReviewerService.
            if (await Review.PeerReviewerService.DecideAsync(db, grant, accept, actor, ct) is { } withdrawn)
            {
                return [new("Decision", withdrawn)];
            }

            await db.SaveChangesAsync(ct);
        }
        else if (accept)
        {
            var target = new RoleTarget(grant.Role, grant.AgencyId, grant.PartnershipId, grant.ViaPartnershipId, "");
            if (!await Holds(userId, target).AnyAsync(ct))
            {
                var role = new RoleAssignment { UserId = userId, Role = grant.Role, AgencyId = grant.AgencyId, PartnershipId = grant.PartnershipId };
                db.RoleAssignments.Add(role);
                await db.SaveChangesAsync(ct);
                db.Record(actor, nameof(RoleAssignment), role.Id, "Granted", null, $"{Describe(role)} to user {userId}, offered by {grant.GrantedById}");
                await db.SaveChangesAsync(ct);
            }
        }

        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>
    /// Removes a role of the agency (by its lead) or of the partnership (by an administrator), at once: every page reads
    /// roles from the database on each request. The last lead of an agency and the last administrator of a
    /// partnership cannot be removed. Null when the role is not the agency's or partnership's (404).
    /// </summary>
    public async Task<IReadOnlyList<FieldError>?> RemoveAsync(int roleId, int? agencyId, int? partnershipId, string userId, CancellationToken ct = default)
    {
        var role = await db.RoleAssignments.SingleOrDefaultAsync(r => r.Id == roleId
            && (agencyId == null || r.AgencyId == agencyId) && (partnershipId == null || r.PartnershipId == partnershipId)
            && (agencyId != null || partnershipId != null), ct);
        if (role is null || (agencyId is not null && !RoleAssignment.AgencyRoles.Contains(role.Role))
            || (partnershipId is not null && !PartnershipService.PartnershipRoles.Contains(role.Role)))
        {
            return null;
        }

        if ((role.Role is Role.AgencyLead or Role.PartnershipAdministrator)
            && !await db.RoleAssignments.AnyAsync(r => r.Id != role.Id && r.Role == role.Role && r.AgencyId == role.AgencyId && r.PartnershipId == role.PartnershipId, ct))
        {
            return [new("", role.Role == Role.AgencyLead
                ? "This is the agency's only safeguarding lead, so the role cannot be removed. Invite another lead first, then remove this one."
                : "This is the partnership's only administrator, so the role cannot be removed. Invite another administrator first, then remove this one.")];
        }

        var actor = By(userId);
        db.RoleAssignments.Remove(role);
        db.Record(actor, nameof(RoleAssignment), role.Id, "Removed", $"{Describe(role)} from user {role.UserId}", null);
        if (role.AgencyId is { } agency && RoleAssignment.EditorRoles.Contains(role.Role)
            && !await db.RoleAssignments.AnyAsync(r => r.Id != role.Id && r.UserId == role.UserId && r.AgencyId == agency && RoleAssignment.EditorRoles.Contains(r.Role), ct))
        {
            // Someone who no longer edits for the agency is no longer asked to complete any of its standards.
            var assigned = await db.StandardAssignments.Where(a => a.UserId == role.UserId && db.Returns.Any(r => r.Id == a.ReturnId && r.AgencyId == agency)).ToListAsync(ct);
            db.StandardAssignments.RemoveRange(assigned);
            foreach (var a in assigned)
            {
                db.Record(actor, nameof(StandardAssignment), $"{a.ReturnId}/{a.StandardId}", "Unassigned", $"user {a.UserId}", "removed from the agency", a.ReturnId);
            }
        }

        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<PersonRole?> GetRoleAsync(int roleId, CancellationToken ct = default) =>
        await db.RoleAssignments.AsNoTracking().Where(r => r.Id == roleId)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new PersonRole(r.Id, r.UserId, u.DisplayName, u.Email ?? "", r.Role,
                db.Agencies.Where(a => a.Id == r.AgencyId).Select(a => a.Name).FirstOrDefault(), u.PasswordHash != null, false))
            .SingleOrDefaultAsync(ct);

    /// <summary>An agency's lead invites someone to an agency role.</summary>
    public async Task<(PersonAdded? Added, IReadOnlyList<FieldError> Errors)> InviteToAgencyAsync(
        int agencyId, string? address, string? name, string? role, string leadId, string? requestBase, CancellationToken ct = default)
    {
        var errors = InvitationService.CheckInvitee(address, name);
        var parsed = StrictEnum.TryParse<Role>(role, out var r) && RoleAssignment.AgencyRoles.Contains(r) ? r : (Role?)null;
        if (parsed is null)
        {
            errors.Add(new("Role", "Select the person's role"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var agencyName = await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Name).SingleAsync(ct);
        return await OfferAsync(new RoleTarget(parsed!.Value, agencyId, null, null, agencyName), address!.Trim(), name!.Trim(), leadId, requestBase, ct);
    }
}
