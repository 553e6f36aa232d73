using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Data;

/// <summary>A demo person: roles for one agency, or (with no agency) for the demo partnership.</summary>
public sealed record DemoUser(string Email, string DisplayName, string? AgencyName, params Role[] Roles);

/// <summary>
/// A demo partnership for the embedded default, so `dotnet run` shows something real: three agencies on the two
/// seed frameworks, a lead for each, and one return half completed; and, so the partnership's dashboard has figures,
/// two more agencies that have already submitted this round and a 2024 round to compare with.
/// </summary>
public sealed class DemoData(Section11DbContext db, UserManager<ApplicationUser> users, TimeProvider time)
{
    public const string Password = "section11-demo-password";
    public const string PartnershipName = "Northshire Safeguarding Children Partnership";
    public const string GpPractice = "Riverside Medical Practice";
    public const string Trust = "Northshire Hospitals NHS Foundation Trust";
    public const string Charity = "Northshire Young Carers";
    public const string Police = "Northshire Police";
    public const string Council = "Northshire County Council Children's Services";

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        // A small practice: the practice manager leads the return and, as a partner, signs it off.
        new("gp.lead@riverside.example", "Priya Shah", GpPractice, Role.AgencyLead, Role.SeniorSignatory),
        new("trust.lead@northshire-hospitals.example", "Tom Okafor", Trust, Role.AgencyLead),
        new("trust.signatory@northshire-hospitals.example", "Dr Helen Marsh", Trust, Role.SeniorSignatory),
        new("carers.lead@young-carers.example", "Jo Bennett", Charity, Role.AgencyLead, Role.SeniorSignatory),
        new("admin@northshire-partnership.example", "Sam Patel", null, Role.PartnershipAdministrator),
        new("reviewer@northshire-partnership.example", "Alex Morgan", null, Role.PartnershipReviewer),
        new("admin" + SecondDomain, "Morgan Reid", null, Role.PartnershipAdministrator),
    ];

    public const string SecondPartnershipName = "Southvale Safeguarding Children Partnership";
    private const string SecondDomain = "@southvale-partnership.example";

    /// <summary>
    /// A second partnership the trust also belongs to, with a round on the same framework and a local item of its own:
    /// the trust is asked to share the return it is completing for Northshire, and has still to choose.
    /// </summary>
    private async Task<Partnership> SecondPartnershipAsync(Agency trust, FrameworkVersion masa, DateOnly today, DateTime now, CancellationToken ct)
    {
        var second = new Partnership { Name = SecondPartnershipName, Memberships = [new PartnershipMembership { Agency = trust }] };
        var round = new Round
        {
            Partnership = second, FrameworkVersion = masa, Title = "Southvale Section 11 audit 2026",
            OpensOn = today.AddDays(-10), DueOn = today.AddDays(75), CreatedAt = now, LaunchedAt = now,
        };
        db.Add(round);
        await db.SaveChangesAsync(ct);
        var local = new Standard
        {
            FrameworkVersionId = masa.Id, RoundId = round.Id, Number = masa.Standards.Max(s => s.Number) + 1, IsLocal = true,
            Title = $"Local requirements of {SecondPartnershipName}",
        };
        var text = "The agency takes part in Southvale's multi-agency audits of child exploitation referrals and acts on their findings.";
        local.Items.Add(new Item
        {
            RoundId = round.Id, Number = $"{local.Number}.1", SortKey = ItemNumber.SortKey($"{local.Number}.1"), Text = text,
            Evidence = ["Audit attendance records", "Action log from the last exploitation audit"],
        });
        db.Add(local);
        db.Add(Receipt.For(round, trust, now));
        await db.SaveChangesAsync(ct);
        return second;
    }

    private static Return Start(Round round, Agency agency, FrameworkVersion framework, DateTime at) =>
        Return.Start(Receipt.For(round, agency, at), framework, at);

    /// <summary>Seeds once; does nothing when the demo partnership already exists.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        // All or nothing: a process killed part-way leaves no half-made partnership for the next start to skip over.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Partnerships.AnyAsync(p => p.Name == PartnershipName, ct))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var primaryCare = await LatestAsync("primary-care-2014", ct);
        var masa = await LatestAsync("masa-2018", ct);

        var partnership = new Partnership { Name = PartnershipName };
        var agencies = new Dictionary<string, Agency>
        {
            [GpPractice] = new() { Name = GpPractice, Sector = Sector.Health },
            [Trust] = new() { Name = Trust, Sector = Sector.Health },
            [Charity] = new() { Name = Charity, Sector = Sector.VoluntaryAndCommunity },
            [Police] = new() { Name = Police, Sector = Sector.Police },
            [Council] = new() { Name = Council, Sector = Sector.LocalAuthority },
        };
        partnership.Memberships.AddRange(agencies.Values.Select(a => new PartnershipMembership { Agency = a }));
        var primaryRound = new Round
        {
            Partnership = partnership, FrameworkVersion = primaryCare, Title = "Section 11 audit 2026: primary care",
            OpensOn = today.AddDays(-30), DueOn = today.AddDays(60), CreatedAt = now, LaunchedAt = now,
        };
        var masaRound = new Round
        {
            Partnership = partnership, FrameworkVersion = masa, Title = "Section 11 audit 2026",
            OpensOn = today.AddDays(-30), DueOn = today.AddDays(60), CreatedAt = now, LaunchedAt = now,
        };
        var gpReturn = Start(primaryRound, agencies[GpPractice], primaryCare, now);
        db.AddRange(
            gpReturn,
            Start(masaRound, agencies[Trust], masa, now),
            Start(masaRound, agencies[Charity], masa, now));
        HalfComplete(gpReturn, primaryCare, today, now.AddDays(-2));

        // Already submitted, with ratings given per item as digits (1 lowest), so the dashboard has something to show.
        var previousRound = new Round
        {
            Partnership = partnership, FrameworkVersion = masa, Title = "Section 11 audit 2024",
            OpensOn = today.AddYears(-2).AddDays(-90), DueOn = today.AddYears(-2), CreatedAt = now.AddYears(-2).AddDays(-90), LaunchedAt = now.AddYears(-2).AddDays(-90),
        };
        db.AddRange(
            Submitted(masaRound, agencies[Police], masa, "3333 33 23 32333 33333 3343 33333", "3322333", now.AddDays(-3)),
            Submitted(masaRound, agencies[Council], masa, "4333 33 33 22333 33323 3333 34333", "3323333", now.AddDays(-1)),
            Submitted(previousRound, agencies[Trust], masa, "3333 33 22 33333 33333 3333 33333", "3323333", now.AddYears(-2).AddDays(-2)),
            Submitted(previousRound, agencies[Police], masa, "3333 22 22 22333 33333 3333 33333", "3222333", now.AddYears(-2).AddDays(-2)),
            Submitted(previousRound, agencies[Council], masa, "3333 33 33 22333 33333 3333 33333", "3332333", now.AddYears(-2).AddDays(-2)));
        await db.SaveChangesAsync(ct);
        var second = await SecondPartnershipAsync(agencies[Trust], masa, today, now, ct);

        // Every demo account has the same password: hash it once (each hash takes a deliberate tenth of a second or so),
        // which keeps the first start of the embedded default quick.
        string? hash = null;
        foreach (var demo in Users)
        {
            var user = new ApplicationUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.DisplayName };
            user.PasswordHash = hash ??= users.PasswordHasher.HashPassword(user, Password);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo user {demo.Email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            // MFA is required of everyone, demo users too: they share a published authenticator key.
            await Accounts.DemoAccounts.EnableMfaAsync(users, user);

            foreach (var role in demo.Roles)
            {
                db.RoleAssignments.Add(demo.AgencyName is null
                    ? new RoleAssignment { UserId = user.Id, Role = role, PartnershipId = demo.Email.EndsWith(SecondDomain, StringComparison.Ordinal) ? second.Id : partnership.Id }
                    : new RoleAssignment { UserId = user.Id, Role = role, AgencyId = agencies[demo.AgencyName].Id });
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<FrameworkVersion> LatestAsync(string key, CancellationToken ct) =>
        await db.FrameworkVersions.AsSplitQuery()
            .Include(f => f.Standards.Where(s => s.RoundId == null)).ThenInclude(s => s.Items.Where(i => i.RoundId == null))
            .Include(f => f.Levels)
            .Where(f => f.FrameworkKey == key)
            .OrderByDescending(f => f.LoadedAt)
            .FirstOrDefaultAsync(ct)
        ?? throw new InvalidOperationException($"The demo needs the {key} framework in frameworks/.");

    /// <summary>A submitted return: one digit per item in order (spaces ignored) and one per standard, 1 being the scale's lowest level.</summary>
    private static Return Submitted(Round round, Agency agency, FrameworkVersion framework, string items, string evaluations, DateTime at)
    {
        var entity = Start(round, agency, framework, at.AddDays(-30));
        var levels = framework.Levels.OrderBy(l => l.Position).ToList();
        var digits = items.Replace(" ", "", StringComparison.Ordinal);
        var ordered = framework.Standards.OrderBy(s => s.Number).ToList();
        foreach (var (item, index) in ordered.SelectMany(s => s.Items.OrderBy(i => i.SortKey)).Select((item, index) => (item, index)))
        {
            var level = levels[digits[index] - '1'];
            var answer = entity.Answers.Single(a => a.ItemId == item.Id);
            answer.Rating = level.Key;
            answer.ActualEvidence = $"Policy, training records and audit findings for {item.Number}, held by the safeguarding lead.";
            if (!level.Meets)
            {
                answer.ActionRequired = "Agree an improvement action with the named lead and report progress to the partnership.";
                answer.Timescale = DateOnly.FromDateTime(at).AddMonths(6);
            }
        }

        foreach (var (standard, index) in ordered.Select((standard, index) => (standard, index)))
        {
            var evaluation = entity.Evaluations.Single(e => e.StandardId == standard.Id);
            evaluation.Rating = levels[evaluations[index] - '1'].Key;
            evaluation.Statement = "Evaluated by the safeguarding lead with the senior management team.";
        }

        entity.Status = ReturnStatus.Submitted;
        entity.Revision = 1;
        entity.SubmittedAt = at;
        entity.LastActivityAt = at;
        entity.SignOff = new SignOff
        {
            SignatoryName = "Chris Evans", PostHeld = "Director", Organisation = agency.Name, SignedOn = DateOnly.FromDateTime(at), DeclarationAccepted = true,
        };
        return entity;
    }

    /// <summary>
    /// The first half of the standards answered, with a spread of ratings, last worked on at <paramref name="at"/>:
    /// the tracker counts a return as started by its last activity, so without it the half-done return read "Not started".
    /// </summary>
    private static void HalfComplete(Return gpReturn, FrameworkVersion framework, DateOnly today, DateTime at)
    {
        gpReturn.LastActivityAt = at;
        var levels = framework.Levels.OrderBy(l => l.Position).ToList();
        var standards = framework.Standards.OrderBy(s => s.Number).ToList();
        foreach (var standard in standards.Take(standards.Count / 2))
        {
            var worst = levels[^1];
            foreach (var (item, index) in standard.Items.OrderBy(i => i.SortKey).Select((item, index) => (item, index)))
            {
                var level = index % 4 == 3 ? levels[Math.Max(0, levels.Count - 2)] : levels[^1];
                var answer = gpReturn.Answers.Single(a => a.ItemId == item.Id);
                answer.Rating = level.Key;
                answer.ActualEvidence = $"Safeguarding policy (reviewed March 2026), practice meeting minutes and training records held by the practice manager for {item.Number}.";
                if (!level.Meets)
                {
                    answer.ActionRequired = "Update the practice safeguarding policy and brief all staff at the next practice meeting.";
                    answer.Timescale = today.AddMonths(3);
                    worst = level;
                }
            }

            var evaluation = gpReturn.Evaluations.Single(e => e.StandardId == standard.Id);
            evaluation.Rating = worst.Key;
            evaluation.Statement = "Arrangements are in place and known to staff; the actions above will close the remaining gaps.";
        }
    }
}
