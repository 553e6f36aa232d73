using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Organisations;

/// <summary>A partnership an agency belongs to.</summary>
public sealed record AgencyPartnership(int Id, string Name);

/// <summary>An agency's page: its details, the partnerships it belongs to, and whether the viewer may change the details.</summary>
public sealed record AgencyDetails(Agency Agency, IReadOnlyList<AgencyPartnership> Partnerships, bool MayEdit);

/// <summary>The agency's details as typed on its edit page.</summary>
public sealed record AgencyInput(string? Name, string? Sector, string? ContactName, string? ContactEmail, string? ContactPhone);

/// <summary>
/// An agency's own details (name, sector, contact) and leaving a partnership. Tenancy: an agency is shared only with its
/// consent, so once it has a lead only the lead changes its details; until then the partnership that set it up may,
/// as long as no other partnership shares it.
/// </summary>
public sealed partial class AgencyService(Section11DbContext db, PeopleService people, TimeProvider time)
{
    /// <summary>
    /// The one rule of who may change an agency's details: its safeguarding lead; or an administrator of its only
    /// partnership while it has no active lead.
    /// </summary>
    public async Task<bool> MayEditAsync(int agencyId, string userId, CancellationToken ct = default)
    {
        if (await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == Role.AgencyLead && r.AgencyId == agencyId, ct))
        {
            return true;
        }

        var partnerships = await db.PartnershipMemberships.Where(m => m.AgencyId == agencyId).Select(m => m.PartnershipId).ToListAsync(ct);
        var only = partnerships.Count == 1 ? partnerships[0] : -1;
        return only > 0
            && await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == Role.PartnershipAdministrator && r.PartnershipId == only, ct)
            && !await people.HasLeadAsync(agencyId, ct);
    }

    public async Task<AgencyDetails?> GetDetailsAsync(int agencyId, string userId, CancellationToken ct = default)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, ct);
        if (agency is null)
        {
            return null;
        }

        var partnerships = await db.PartnershipMemberships.AsNoTracking().Where(m => m.AgencyId == agencyId)
            .Join(db.Partnerships, m => m.PartnershipId, p => p.Id, (m, p) => p)
            .OrderBy(p => p.Name).Select(p => new AgencyPartnership(p.Id, p.Name)).ToListAsync(ct);
        return new(agency, partnerships, await MayEditAsync(agencyId, userId, ct));
    }

    /// <summary>Checks and saves the agency's details; each changed field is a change-log row. The caller checked <see cref="MayEditAsync"/>.</summary>
    public async Task<IReadOnlyList<FieldError>> UpdateAsync(int agencyId, AgencyInput input, string userId, CancellationToken ct = default)
    {
        var errors = Check(input, out var sector);
        var name = input.Name?.Trim() ?? "";
        if (errors.Count == 0 && await db.Agencies.AnyAsync(a => a.Id != agencyId && a.Name == name, ct))
        {
            // Names find agencies when a partnership adds one (PartnershipService.AddAgencyAsync): they stay unique.
            errors.Add(new("Name", $"Another agency is already called {name}"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var agency = await db.Agencies.SingleAsync(a => a.Id == agencyId, ct);
        var actor = new Actor(userId, time.GetUtcNow().UtcDateTime);
        void Set(string field, string? was, string? now, Action apply)
        {
            if (was != now)
            {
                apply();
                db.Record(actor, nameof(Agency), agency.Id, field, was, now);
            }
        }

        Set(nameof(Agency.Name), agency.Name, name, () => agency.Name = name);
        Set(nameof(Agency.Sector), agency.Sector.ToString(), sector.ToString(), () => agency.Sector = sector);
        Set(nameof(Agency.ContactName), agency.ContactName, Blank(input.ContactName), () => agency.ContactName = Blank(input.ContactName));
        Set(nameof(Agency.ContactEmail), agency.ContactEmail, Blank(input.ContactEmail), () => agency.ContactEmail = Blank(input.ContactEmail));
        Set(nameof(Agency.ContactPhone), agency.ContactPhone, Blank(input.ContactPhone), () => agency.ContactPhone = Blank(input.ContactPhone));
        await db.SaveChangesAsync(ct);
        return [];
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<FieldError> Check(AgencyInput input, out Sector sector)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new("Name", "Enter the agency's name"));
        }
        else if (name.Length > InputLimits.Name)
        {
            errors.Add(new("Name", InputLimits.TooLong("The name", InputLimits.Name)));
        }

        if (!StrictEnum.TryParse(input.Sector, out sector))
        {
            errors.Add(new("Sector", "Select the agency's sector"));
        }

        if (Blank(input.ContactName) is { Length: > InputLimits.Name })
        {
            errors.Add(new("ContactName", InputLimits.TooLong("The contact's name", InputLimits.Name)));
        }

        if (Blank(input.ContactEmail) is { } email)
        {
            if (email.Length > InputLimits.Email)
            {
                errors.Add(new("ContactEmail", InputLimits.TooLong("The contact's email address", InputLimits.Email)));
            }
            else if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            {
                errors.Add(new("ContactEmail", "Enter an email address in the correct format, like name@example.com"));
            }
        }

        if (Blank(input.ContactPhone) is { } phone)
        {
            if (phone.Length > InputLimits.Phone)
            {
                errors.Add(new("ContactPhone", InputLimits.TooLong("The contact's telephone number", InputLimits.Phone)));
            }
            else if (!PhonePattern().IsMatch(phone) || phone.Count(char.IsAsciiDigit) < 6)
            {
                errors.Add(new("ContactPhone", "Enter a telephone number, like 01632 960 001 or +44 808 157 0192"));
            }
        }

        return errors;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9 ()\-]+((ext|x)\.? ?[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();

    /// <summary>
    /// Takes the agency out of the partnership (by its administrator). Its receipts stay, so every round already
    /// launched keeps the returns it received. Refused while one of the partnership's open rounds still waits for a
    /// return from it: close that round first. Null when the agency is not a member (404).
    /// </summary>
    public async Task<IReadOnlyList<FieldError>?> RemoveFromPartnershipAsync(int partnershipId, int agencyId, string userId, CancellationToken ct = default)
    {
        var membership = await db.PartnershipMemberships.Include(m => m.Agency).SingleOrDefaultAsync(m => m.PartnershipId == partnershipId && m.AgencyId == agencyId, ct);
        if (membership is null)
        {
            return null;
        }

        var waiting = await db.Receipts.Where(x => x.AgencyId == agencyId && x.Round.PartnershipId == partnershipId && x.Round.ClosedAt == null
                && (x.Return == null || x.Return.Status != ReturnLifecycle.CountingStatus))
            .OrderBy(x => x.Round.DueOn).Select(x => x.Round.Title).FirstOrDefaultAsync(ct);
        if (waiting is not null)
        {
            return [new("", $"{membership.Agency.Name} has not submitted its return for {waiting}, which is still open. Close the round first, then remove the agency.")];
        }

        db.PartnershipMemberships.Remove(membership);
        db.Record(new Actor(userId, time.GetUtcNow().UtcDateTime), nameof(PartnershipMembership), $"{partnershipId}/{agencyId}", "Removed",
            membership.Agency.Name, null);
        await db.SaveChangesAsync(ct);
        return [];
    }
}
