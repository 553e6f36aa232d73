using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;

namespace Section11.Core.Frameworks;

/// <summary>
/// Published framework versions never change, so each is read once per process and shared.
/// This is safe with several web nodes: a version's rows are written once and never updated.
/// </summary>
public sealed class FrameworkCatalog
{
    private readonly ConcurrentDictionary<int, FrameworkVersion> _versions = new();
    private readonly ConcurrentDictionary<int, FrameworkVersion> _rounds = new();

    /// <summary>
    /// The framework as a round uses it: the version's standards, with the round's own local section (a standard row
    /// of the round's) in place of the version's local placeholder, or after its last standard where it has none.
    /// Fixed once the round is launched.
    /// </summary>
    public async Task<FrameworkVersion> GetForRoundAsync(Section11DbContext db, int roundId, CancellationToken ct = default)
    {
        if (_rounds.TryGetValue(roundId, out var cached))
        {
            return cached;
        }

        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.FrameworkVersionId, r.LaunchedAt }).SingleAsync(ct);
        var version = await GetAsync(db, round.FrameworkVersionId, ct);
        var own = await db.Standards.AsNoTracking().Include(s => s.Items.OrderBy(i => i.SortKey)).SingleOrDefaultAsync(s => s.RoundId == roundId, ct);
        var merged = own is null ? version : version.WithStandards([.. version.Standards.Where(s => !(s.IsLocal && s.Number == own.Number)), own]);
        return round.LaunchedAt is null ? merged : _rounds.GetOrAdd(roundId, merged);
    }

    /// <summary>
    /// The framework as a return going to several rounds is answered: the version's standards and each round's local
    /// section. A partnership's view of the return passes only its own round, so it never sees another's local items.
    /// </summary>
    public async Task<FrameworkVersion> GetForRoundsAsync(Section11DbContext db, int frameworkVersionId, IReadOnlyCollection<int> roundIds, CancellationToken ct = default)
    {
        if (roundIds.Count == 0)
        {
            return await GetAsync(db, frameworkVersionId, ct);
        }

        var frameworks = new List<FrameworkVersion>();
        foreach (var roundId in roundIds.Order())
        {
            frameworks.Add(await GetForRoundAsync(db, roundId, ct));
        }

        return frameworks.Count == 1
            ? frameworks[0]
            : frameworks[0].WithStandards(frameworks.SelectMany(f => f.Standards).DistinctBy(s => s.Id));
    }

    public async Task<FrameworkVersion> GetAsync(Section11DbContext db, int frameworkVersionId, CancellationToken ct = default)
    {
        if (_versions.TryGetValue(frameworkVersionId, out var cached))
        {
            return cached;
        }

        var version = await db.FrameworkVersions.AsNoTracking().AsSplitQuery()
            .Include(f => f.Standards.Where(s => s.RoundId == null).OrderBy(s => s.Number)).ThenInclude(s => s.Items.Where(i => i.RoundId == null).OrderBy(i => i.SortKey))
            .Include(f => f.Levels.OrderBy(l => l.Position))
            .SingleAsync(f => f.Id == frameworkVersionId, ct);
        foreach (var item in version.Standards.SelectMany(s => s.Items))
        {
            item.Standard = version.Standards.Single(s => s.Id == item.StandardId);
        }

        return _versions.GetOrAdd(frameworkVersionId, version);
    }
}
