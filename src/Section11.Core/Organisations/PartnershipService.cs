using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Organisations;

public sealed record PartnershipListing(int Id, string Name, IReadOnlyList<Role> Roles);

public sealed record PersonRole(string UserId, string DisplayName, string Email, Role Role, string? AgencyName, bool HasSignedIn);

/// <summary>Partnerships, their member agencies, and who holds which role in them.</summary>
public sealed class PartnershipService(Section11DbContext db, Accounts.InvitationService invitations)
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

    public Task<Partnership?> GetAsync(int partnershipId, CancellationToken ct = default) =>
        db.Partnerships.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnershipId, ct);

    public async Task<(int? Id, IReadOnlyList<FieldError> Errors)> CreateAsync(string? name, CancellationToken ct = default)
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

        var partnership = new Partnership { Name = trimmed };
        db.Partnerships.Add(partnership);
        await db.SaveChangesAsync(ct);
        return (partnership.Id, []);
    }

    public async Task<IReadOnlyList<Agency>> GetAgenciesAsync(int partnershipId, CancellationToken ct = default) =>
        await db.PartnershipMemberships.AsNoTracking().Where(m => m.PartnershipId == partnershipId)
            .Select(m => m.Agency).OrderBy(a => a.Name).ToListAsync(ct);

    /// <summary>
    /// Adds a member agency. An agency already known by exactly this name (a police force or NHS trust that serves
    /// several partnerships) is linked rather than duplicated, so it keeps one identity across partnerships.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> AddAgencyAsync(int partnershipId, string? name, string? sector, CancellationToken ct = default)
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
            return errors;
        }

        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Name == trimmed, ct) ?? new Agency { Name = trimmed!, Sector = parsedSector };
        if (agency.Id != 0 && await db.PartnershipMemberships.AnyAsync(m => m.PartnershipId == partnershipId && m.AgencyId == agency.Id, ct))
        {
            return [new("Name", $"{trimmed} is already a member of this partnership")];
        }

        db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = partnershipId, Agency = agency });
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IReadOnlyList<PersonRole>> GetPeopleAsync(int partnershipId, CancellationToken ct = default)
    {
        var agencyIds = db.PartnershipMemberships.Where(m => m.PartnershipId == partnershipId).Select(m => m.AgencyId);
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PartnershipId == partnershipId || (r.AgencyId != null && agencyIds.Contains(r.AgencyId.Value)))
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new
            {
                r.UserId, u.DisplayName, u.Email, r.Role,
                AgencyName = db.Agencies.Where(a => a.Id == r.AgencyId).Select(a => a.Name).FirstOrDefault(),
                HasPassword = u.PasswordHash != null,
            })
            .OrderBy(x => x.AgencyName).ThenBy(x => x.DisplayName)
            .ToListAsync(ct);
        return [.. rows.Select(r => new PersonRole(r.UserId, r.DisplayName, r.Email ?? "", r.Role, r.AgencyName, r.HasPassword))];
    }

    /// <summary>Gives a person a role for this partnership or one of its member agencies (idempotent).</summary>
    public async Task AssignAsync(string userId, Role role, int partnershipId, int? agencyId, CancellationToken ct = default)
    {
        var forPartnership = PartnershipRoles.Contains(role);
        int? pid = forPartnership ? partnershipId : null;
        int? aid = forPartnership ? null : agencyId;
        if (!await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == role && r.PartnershipId == pid && r.AgencyId == aid, ct))
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = userId, Role = role, PartnershipId = pid, AgencyId = aid });
            await db.SaveChangesAsync(ct);
        }
    }

    public static IReadOnlyList<Role> InvitableRoles { get; } =
        [Role.AgencyLead, Role.AgencyContributor, Role.SeniorSignatory, Role.PartnershipAdministrator, Role.PartnershipReviewer];

    public sealed record PersonAdded(string UserId, string Email, bool Invited, string? DeliveredTo);

    /// <summary>
    /// Gives a person a role in the partnership. Someone new (or who never accepted) gets an invitation email;
    /// someone with an account simply gains the role.
    /// </summary>
    public async Task<(PersonAdded? Added, IReadOnlyList<FieldError> Errors)> AddPersonAsync(
        int partnershipId, string? email, string? name, string? role, int? agencyId, string invitedById, string? requestBase, CancellationToken ct = default)
    {
        var errors = Accounts.InvitationService.CheckInvitee(email, name);
        var parsed = StrictEnum.TryParse<Role>(role, out var r) && InvitableRoles.Contains(r) ? r : (Role?)null;
        if (parsed is null)
        {
            errors.Add(new("Role", "Select the person's role"));
        }
        else if (!PartnershipRoles.Contains(parsed.Value) && (agencyId is null || !await IsMemberAsync(partnershipId, agencyId.Value, ct)))
        {
            errors.Add(new("AgencyId", "Select the agency this person works for"));
        }

        var normalised = email?.Trim().ToUpperInvariant();
        var existing = string.IsNullOrWhiteSpace(normalised) ? null
            : await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised).Select(u => new { u.Id, u.Email, u.PasswordHash }).FirstOrDefaultAsync(ct);
        if (existing?.PasswordHash is not null && errors.Count == 0)
        {
            await AssignAsync(existing.Id, parsed!.Value, partnershipId, agencyId, ct);
            return (new PersonAdded(existing.Id, existing.Email!, false, null), []);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var sent = await invitations.InviteAsync(email, name, requestBase, invitedById, Describe(parsed!.Value), ct);
        if (sent.Sent is null)
        {
            return (null, sent.Errors);
        }

        await AssignAsync(sent.Sent.UserId, parsed!.Value, partnershipId, agencyId, ct);
        return (new PersonAdded(sent.Sent.UserId, sent.Sent.Email, true, sent.Sent.DeliveredTo), []);
    }

    private static string Describe(Role role) => role switch
    {
        Role.AgencyLead => "your agency's safeguarding lead",
        Role.AgencyContributor => "a contributor to your agency's return",
        Role.SeniorSignatory => "your agency's senior signatory",
        Role.PartnershipAdministrator => "a partnership administrator",
        _ => "a partnership reviewer",
    };

    public Task<bool> IsPlatformAdministratorAsync(string userId, CancellationToken ct = default) =>
        db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == Role.PlatformAdministrator, ct);

    public Task<bool> IsMemberAsync(int partnershipId, int agencyId, CancellationToken ct = default) =>
        db.PartnershipMemberships.AnyAsync(m => m.PartnershipId == partnershipId && m.AgencyId == agencyId, ct);
}
