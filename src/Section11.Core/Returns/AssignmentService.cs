using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;

namespace Section11.Core.Returns;

/// <summary>A person a standard can be (or is) assigned to.</summary>
public sealed record Assignee(string UserId, string Name);

/// <summary>One standard of the return and who it is assigned to now (null: nobody).</summary>
public sealed record AssignableStandard(Standard Standard, string? UserId);

/// <summary>The assignments page: every standard of the return, and the agency's people who can edit it.</summary>
public sealed record AssignmentChoice(IReadOnlyList<AssignableStandard> Standards, IReadOnlyList<Assignee> Candidates);

/// <summary>
/// Delegation: the agency's lead assigns a return's standards to the people who edit for the agency, one person per
/// standard or none. An assignment says who is asked to do it; it never limits who may edit. Every change is in the
/// return's history, in the same SaveChanges.
/// </summary>
public sealed class AssignmentService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    /// <summary>The agency's leads and contributors (active accounts): the people a standard can be given to.</summary>
    public async Task<IReadOnlyList<Assignee>> GetCandidatesAsync(int agencyId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt == null && db.RoleAssignments.Any(r => r.UserId == u.Id && r.AgencyId == agencyId && RoleAssignment.EditorRoles.Contains(r.Role)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new Assignee(u.Id, u.DisplayName)).ToListAsync(ct);

    /// <summary>
    /// The return's assignments by standard id, of people who still edit for the agency: a person removed from the
    /// agency drops out of view at once (and <see cref="Organisations.PeopleService.RemoveAsync"/> deletes theirs).
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, Assignee>> AssignedAsync(Section11DbContext db, int returnId, int agencyId, CancellationToken ct = default) =>
        await (from a in db.StandardAssignments.AsNoTracking()
               join u in db.Users on a.UserId equals u.Id
               where a.ReturnId == returnId
                   && db.RoleAssignments.Any(r => r.UserId == a.UserId && r.AgencyId == agencyId && RoleAssignment.EditorRoles.Contains(r.Role))
               select new { a.StandardId, u.Id, u.DisplayName })
            .ToDictionaryAsync(x => x.StandardId, x => new Assignee(x.Id, x.DisplayName), ct);

    public async Task<AssignmentChoice> GetChoiceAsync(ReturnSummary summary, CancellationToken ct = default)
    {
        var framework = await catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);
        var assigned = await AssignedAsync(db, summary.Id, summary.AgencyId, ct);
        return new([.. framework.Standards.Select(s => new AssignableStandard(s, assigned.GetValueOrDefault(s.Id)?.UserId))],
            await GetCandidatesAsync(summary.AgencyId, ct));
    }

    /// <summary>The form's key for a standard's choice (also its error key).</summary>
    public static string Key(int standardId) => $"Assign[{standardId}]";

    /// <summary>
    /// Makes the return's assignments those chosen (standard id to user id; blank for nobody). Everyone chosen must be
    /// a lead or contributor of the agency; nothing is saved otherwise. Standards not in the form are left as they are.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> AssignAsync(ReturnSummary summary, IReadOnlyDictionary<int, string?> chosen, string userId, CancellationToken ct = default)
    {
        var framework = await catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);
        var candidates = (await GetCandidatesAsync(summary.AgencyId, ct)).ToDictionary(c => c.UserId);
        var wanted = framework.Standards.Where(s => chosen.ContainsKey(s.Id))
            .Select(s => (Standard: s, UserId: string.IsNullOrWhiteSpace(chosen[s.Id]) ? null : chosen[s.Id]!.Trim())).ToList();
        var errors = wanted.Where(w => w.UserId is not null && !candidates.ContainsKey(w.UserId))
            .Select(w => new FieldError(Key(w.Standard.Id), $"Select someone who works on this agency's returns for standard {w.Standard.Number}, or nobody"))
            .ToList();
        if (errors.Count > 0)
        {
            return errors;
        }

        var existing = await db.StandardAssignments.Where(a => a.ReturnId == summary.Id).ToListAsync(ct);
        var names = await db.Users.Where(u => existing.Select(a => a.UserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var actor = new Actor(userId, time.GetUtcNow().UtcDateTime);
        foreach (var (standard, person) in wanted)
        {
            var current = existing.SingleOrDefault(a => a.StandardId == standard.Id);
            if (current?.UserId == person)
            {
                continue;
            }

            var was = current is null ? null : names.GetValueOrDefault(current.UserId, current.UserId);
            if (person is null)
            {
                db.StandardAssignments.Remove(current!);
            }
            else if (current is null)
            {
                db.StandardAssignments.Add(new StandardAssignment { ReturnId = summary.Id, StandardId = standard.Id, UserId = person, AssignedAt = actor.At, AssignedById = userId });
            }
            else
            {
                // Changing the person keeps the row: one per standard, under a unique index.
                current.UserId = person;
                current.AssignedAt = actor.At;
                current.AssignedById = userId;
            }

            db.Record(actor, nameof(StandardAssignment), $"{summary.Id}/{standard.Id}", $"Standard {standard.Number} assigned to", was,
                person is null ? null : candidates[person].Name, summary.Id);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two leads saving at once: the unique index refuses the second; nothing of it is saved.
            db.ChangeTracker.Clear();
            return [new("", "Someone else changed these assignments at the same time. Check them and save again.")];
        }

        return [];
    }
}
