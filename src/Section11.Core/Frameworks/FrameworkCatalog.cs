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
    /// The framework as a round uses it: the version's standards, with a local standard's placeholder items
    /// replaced by the partnership's own local items where the round has any. Fixed once the round is launched.
    /// </summary>
    public async Task<FrameworkVersion> GetForRoundAsync(Section11DbContext db, int roundId, CancellationToken ct = default)
    {
        if (_rounds.TryGetValue(roundId, out var cached))
        {
            return cached;
        }

        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.FrameworkVersionId, r.LaunchedAt }).SingleAsync(ct);
        var version = await GetAsync(db, round.FrameworkVersionId, ct);
        var localItems = await db.Items.AsNoTracking().Where(i => i.RoundId == roundId).OrderBy(i => i.SortKey).ToListAsync(ct);
        var merged = localItems.Count == 0 ? version : WithLocalItems(version, localItems);
        return round.LaunchedAt is null ? merged : _rounds.GetOrAdd(roundId, merged);
    }

    /// <summary>The version with a round's own items in place of its local standard's placeholders; the cached version is not touched.</summary>
    internal static FrameworkVersion WithLocalItems(FrameworkVersion version, List<Item> localItems)
    {
        var standards = new List<Standard>(version.Standards.Count);
        foreach (var standard in version.Standards)
        {
            var own = localItems.Where(i => i.StandardId == standard.Id).ToList();
            var merged = standard.WithItems(standard.IsLocal && own.Count > 0 ? own : standard.Items);
            foreach (var item in own)
            {
                item.Standard = merged;
            }

            standards.Add(merged);
        }

        return version.WithStandards(standards);
    }

    public async Task<FrameworkVersion> GetAsync(Section11DbContext db, int frameworkVersionId, CancellationToken ct = default)
    {
        if (_versions.TryGetValue(frameworkVersionId, out var cached))
        {
            return cached;
        }

        var version = await db.FrameworkVersions.AsNoTracking().AsSplitQuery()
            .Include(f => f.Standards.OrderBy(s => s.Number)).ThenInclude(s => s.Items.Where(i => i.RoundId == null).OrderBy(i => i.SortKey))
            .Include(f => f.Levels.OrderBy(l => l.Position))
            .SingleAsync(f => f.Id == frameworkVersionId, ct);
        foreach (var item in version.Standards.SelectMany(s => s.Items))
        {
            item.Standard = version.Standards.Single(s => s.Id == item.StandardId);
        }

        return _versions.GetOrAdd(frameworkVersionId, version);
    }
}
