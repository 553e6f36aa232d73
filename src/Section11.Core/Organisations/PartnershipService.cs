using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Organisations;

public sealed record PartnershipListing(int Id, string Name, IReadOnlyList<Role> Roles);

/// <summary>Partnerships, their member agencies, and who holds which role in them.</summary>
public sealed class PartnershipService(Section11DbContext db, PeopleService people, MembershipService memberships, TimeProvider time)
{
    public static IReadOnlyList<Role> PartnershipRoles { get; } = [Role.PartnershipAdministrator, Role.PartnershipReviewer];

    public async Task<IReadOnlyList<PartnershipListing>> GetForUserAsync(string userId, CancellationToken ct = default)
    {
        var platformAdmin = await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == Role.PlatformAdministrator, ct);
        var roles = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == userId && r.PartnershipId != null)
            .Select(r => new { PartnershipId = r.PartnershipId!.Value, r.Role })
            .ToListAsync(ct);
        var partnerships = await db.Partnerships.AsNoTracking()
            .Where(p => platformAdmin || roles.Select(r => r.PartnershipId).Contains(p.Id))
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        return [.. partnerships.Select(p => new PartnershipListing(p.Id, p.Name, [.. roles.Where(r => r.PartnershipId == p.Id).Select(r => r.Role)]))];
    }

    /// <summary>The partnerships the person holds a role in (a platform administrator's listing also has every other).</summary>
    public async Task<IReadOnlyList<PartnershipListing>> GetHeldByAsync(string userId, CancellationToken ct = default) =>
        [.. (await GetForUserAsync(userId, ct)).Where(p => p.Roles.Count > 0)];

    public Task<Partnership?> GetAsync(int partnershipId, CancellationToken ct = default) =>
        db.Partnerships.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnershipId, ct);

    public async Task<(int? Id, IReadOnlyList<FieldError> Errors)> CreateAsync(string? name, string userId, CancellationToken ct = default)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, [new("Name", "Enter the partnership's name")]);
        }

        if (trimmed.Length > InputLimits.Name)
        {
            return (null, [new("Name", InputLimits.TooLong("The name", InputLimits.Name))]);
        }

        if (await db.Partnerships.AnyAsync(p => p.Name == trimmed, ct))
        {
            return (null, [new("Name", "A partnership with this name already exists")]);
        }

        // The partnership's id exists only once it is inserted: its change-log row follows in the same transaction.
        var partnership = new Partnership { Name = trimmed };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Partnerships.Add(partnership);
        await db.SaveChangesAsync(ct);
        db.Record(new Actor(userId, time.GetUtcNow().UtcDateTime), "Partnership", partnership.Id, "Name", null, partnership.Name);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (partnership.Id, []);
    }

    /// <summary>The partnership's member agencies by name: the one statement of who is a member.</summary>
    public async Task<IReadOnlyList<Agency>> GetAgenciesAsync(int partnershipId, CancellationToken ct = default) =>
        await Members(partnershipId).OrderBy(a => a.Name).ToListAsync(ct);

    private IQueryable<Agency> Members(int partnershipId) =>
        db.PartnershipMemberships.AsNoTracking().Where(m => m.PartnershipId == partnershipId).Select(m => m.Agency);

    public enum AgencyAdded
    {
        /// <summary>A new agency, created as a member of the partnership.</summary>
        Created,

        /// <summary>An agency already known by this name: it has been asked to join, and is not a member until it accepts.</summary>
        Requested,
    }

    /// <summary>
    /// Adds a member agency. A new name creates the agency as a member. A name already known (a police force or NHS
    /// trust that serves several partnerships) is never linked without the agency's consent: it gets a membership
    /// request, which its lead (or a platform administrator) accepts or declines.
    /// </summary>
    public async Task<(AgencyAdded? Added, IReadOnlyList<FieldError> Errors)> AddAgencyAsync(
        int partnershipId, string? name, string? sector, string userId, string? requestBase, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(new("Name", "Enter the agency's name"));
        }
        else if (trimmed.Length > InputLimits.Name)
        {
            errors.Add(new("Name", InputLimits.TooLong("The name", InputLimits.Name)));
        }

        if (!StrictEnum.TryParse<Sector>(sector, out var parsedSector))
        {
            errors.Add(new("Sector", "Select the agency's sector"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var existing = await db.Agencies.FirstOrDefaultAsync(a => a.Name == trimmed, ct);
        if (existing is not null)
        {
            if (await IsMemberAsync(partnershipId, existing.Id, ct))
            {
                return (null, [new("Name", $"{trimmed} is already a member of this partnership")]);
            }

            if (await memberships.IsPendingAsync(partnershipId, existing.Id, ct))
            {
                return (null, [new("Name", $"{trimmed} has already been asked to join this partnership and has not answered yet")]);
            }

            await memberships.RequestAsync(partnershipId, existing, userId, requestBase, ct);
            return (AgencyAdded.Requested, []);
        }

        var actor = new Actor(userId, time.GetUtcNow().UtcDateTime);
        var agency = new Agency { Name = trimmed!, Sector = parsedSector };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = partnershipId, Agency = agency });
        await db.SaveChangesAsync(ct);
        db.Record(actor, nameof(Agency), agency.Id, "Created", null, $"{agency.Name} ({agency.Sector})");
        db.Record(actor, nameof(PartnershipMembership), $"{partnershipId}/{agency.Id}", "Created", null, "a new agency, created by the partnership");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (AgencyAdded.Created, []);
    }

    public static IReadOnlyList<Role> InvitableRoles { get; } =
        [Role.AgencyLead, Role.AgencyContributor, Role.SeniorSignatory, Role.PartnershipAdministrator, Role.PartnershipReviewer];

    /// <summary>The member agencies a partnership administrator may still give agency roles for: those with no active lead yet.</summary>
    public async Task<IReadOnlyList<Agency>> GetAgenciesWithoutLeadAsync(int partnershipId, CancellationToken ct = default)
    {
        var leads = people.ActiveLeads;
        return await Members(partnershipId)
            .Where(a => !leads.Any(r => r.AgencyId == a.Id))
            .OrderBy(a => a.Name).ToListAsync(ct);
    }

    /// <summary>
    /// Gives a person a partnership role, or an agency role for a member agency that has no lead yet (its first lead
    /// and people): once an agency has a lead, its roles are the lead's to give. A new person is invited; a person
    /// with an account is offered the role and accepts it on their account page.
    /// </summary>
    public async Task<(PersonAdded? Added, IReadOnlyList<FieldError> Errors)> AddPersonAsync(
        int partnershipId, string? email, string? name, string? role, int? agencyId, string invitedById, string? requestBase, CancellationToken ct = default)
    {
        var errors = Accounts.InvitationService.CheckInvitee(email, name);
        var parsed = StrictEnum.TryParse<Role>(role, out var r) && InvitableRoles.Contains(r) ? r : (Role?)null;
        var forPartnership = parsed is { } p && PartnershipRoles.Contains(p);
        Agency? agency = null;
        if (parsed is null)
        {
            errors.Add(new("Role", "Select the person's role"));
        }
        else if (!forPartnership)
        {
            agency = agencyId is null || !await IsMemberAsync(partnershipId, agencyId.Value, ct)
                ? null
                : await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == agencyId, ct);
            if (agency is null)
            {
                errors.Add(new("AgencyId", "Select the agency this person works for"));
            }
            else if (await people.HasLeadAsync(agency.Id, ct))
            {
                errors.Add(new("AgencyId", $"{agency.Name} already has a safeguarding lead, who gives its roles on the agency's people page. Ask them to add this person."));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var partnershipName = await db.Partnerships.Where(x => x.Id == partnershipId).Select(x => x.Name).SingleAsync(ct);
        var target = forPartnership
            ? new RoleTarget(parsed!.Value, null, partnershipId, null, partnershipName)
            : new RoleTarget(parsed!.Value, agency!.Id, null, partnershipId, agency.Name);
        return await people.OfferAsync(target, email!.Trim(), name!.Trim(), invitedById, requestBase, ct);
    }

    public Task<bool> IsPlatformAdministratorAsync(string userId, CancellationToken ct = default) =>
        db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == Role.PlatformAdministrator, ct);

    public Task<bool> IsMemberAsync(int partnershipId, int agencyId, CancellationToken ct = default) =>
        db.PartnershipMemberships.AnyAsync(m => m.PartnershipId == partnershipId && m.AgencyId == agencyId, ct);
}
