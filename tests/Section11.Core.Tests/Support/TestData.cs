using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Tests.Support;

/// <summary>Each test makes its own agency and return, so tests sharing a database never see each other's data.</summary>
public static class TestData
{
    public sealed record CreatedReturn(int ReturnId, int AgencyId, int PartnershipId, int FrameworkVersionId);

    public static async Task<CreatedReturn> CreateReturnAsync(Section11DbContext db, string frameworkKey, string? agencyName = null, DateOnly? dueOn = null)
    {
        var framework = await db.FrameworkVersions
            .Include(f => f.Standards.Where(s => s.RoundId == null)).ThenInclude(s => s.Items.Where(i => i.RoundId == null))
            .SingleAsync(f => f.FrameworkKey == frameworkKey);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var partnership = new Partnership { Name = $"Test partnership {suffix}" };
        var agency = new Agency { Name = agencyName ?? $"Test agency {suffix}", Sector = Sector.Health };
        partnership.Memberships.Add(new PartnershipMembership { Agency = agency });
        var round = new Round
        {
            Partnership = partnership,
            FrameworkVersion = framework,
            Title = $"Section 11 audit {suffix}",
            OpensOn = new DateOnly(2026, 1, 1),
            DueOn = dueOn ?? new DateOnly(2027, 3, 31),
            CreatedAt = DateTime.UtcNow,
            LaunchedAt = DateTime.UtcNow,
        };
        var entity = TestReturns.Start(round, agency, framework, DateTime.UtcNow);
        db.Returns.Add(entity);
        await db.SaveChangesAsync();
        return new(entity.Id, agency.Id, partnership.Id, framework.Id);
    }

    /// <summary>A user without a password, for service tests that need only an id and a name.</summary>
    public static async Task<string> CreateUserAsync(Section11DbContext db, int agencyId, Role role = Role.AgencyLead, string? name = null)
    {
        var email = $"user-{Guid.NewGuid():N}@test.example";
        var user = new ApplicationUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name ?? "Test User",
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, AgencyId = agencyId });
        await db.SaveChangesAsync();
        return user.Id;
    }
}

/// <summary>A clock the test sets.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

public static class PartnershipTestData
{
    public sealed record CreatedPartnership(int PartnershipId, IReadOnlyList<int> AgencyIds);

    /// <summary>A partnership with member agencies and no rounds.</summary>
    public static async Task<CreatedPartnership> CreatePartnershipAsync(Section11DbContext db, params string[] agencyNames)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var partnership = new Partnership { Name = $"Partnership {suffix}" };
        var agencies = agencyNames.Select(n => new Agency { Name = $"{n} {suffix}", Sector = Sector.Health }).ToList();
        partnership.Memberships.AddRange(agencies.Select(a => new PartnershipMembership { Agency = a }));
        db.Partnerships.Add(partnership);
        await db.SaveChangesAsync();
        return new(partnership.Id, [.. agencies.Select(a => a.Id)]);
    }
}
