using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;

namespace Section11.Core.Frameworks;

public sealed record FrameworkImportResult(string File, string Id, string Version, FrameworkImportOutcome Outcome, string? Message = null);

public enum FrameworkImportOutcome
{
    Added,
    Unchanged,
    Refused,
}

/// <summary>Loads framework files into the database: new versions are added, published versions are never changed.</summary>
public sealed class FrameworkImporter(Section11DbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<FrameworkImportResult>> ImportDirectoryAsync(string directory, CancellationToken ct = default)
    {
        var results = new List<FrameworkImportResult>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var loaded = FrameworkLoader.LoadFile(file);
            if (!loaded.IsValid)
            {
                results.Add(new(file, "", "", FrameworkImportOutcome.Refused,
                    string.Join(Environment.NewLine, loaded.Problems)));
                continue;
            }

            results.Add(await ImportAsync(loaded.Definition!, file, ct));
        }

        return results;
    }

    public async Task<FrameworkImportResult> ImportAsync(FrameworkDefinition definition, string file, CancellationToken ct = default)
    {
        var hash = FrameworkLoader.ContentHash(definition);
        var existing = await db.FrameworkVersions.AsNoTracking()
            .Where(f => f.FrameworkKey == definition.Id && f.Version == definition.Version)
            .Select(f => new { f.ContentHash })
            .SingleOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing.ContentHash == hash
                ? new(file, definition.Id, definition.Version, FrameworkImportOutcome.Unchanged)
                : new(file, definition.Id, definition.Version, FrameworkImportOutcome.Refused,
                    $"{file}: {definition.Id} version {definition.Version} is already published with different content. " +
                    "A published version cannot change: give the changed framework a new version.");
        }

        db.FrameworkVersions.Add(ToEntity(definition, hash, time.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node may have loaded the same version at the same moment; if not, the failure is real.
            db.ChangeTracker.Clear();
            if (!await db.FrameworkVersions.AnyAsync(f => f.FrameworkKey == definition.Id && f.Version == definition.Version, ct))
            {
                throw;
            }

            return await ImportAsync(definition, file, ct);
        }

        return new(file, definition.Id, definition.Version, FrameworkImportOutcome.Added);
    }

    private static FrameworkVersion ToEntity(FrameworkDefinition d, string hash, DateTime now) => new()
    {
        FrameworkKey = d.Id,
        Version = d.Version,
        Title = d.Title,
        Publisher = d.Publisher,
        ContentHash = hash,
        DefinitionJson = FrameworkLoader.ToJson(d),
        LoadedAt = now,
        Levels = [.. d.Scale.Levels.Select((l, i) => new ScaleLevel
        {
            Position = i,
            Key = l.Key,
            Label = l.Label,
            Colour = l.Colour,
            Meets = l.Meets,
            Value = l.Value,
            Description = l.Description,
        })],
        Standards = [.. d.Standards.Select(s => new Standard
        {
            Number = s.Number,
            Title = s.Title,
            Source = s.Source,
            Descriptors = [.. s.Descriptors],
            IsLocal = s.Local,
            Items = [.. s.Items.Select(i => new Item
            {
                Number = i.Number,
                SortKey = ItemNumber.SortKey(i.Number),
                Text = i.Text,
                Evidence = [.. i.Evidence],
                Grades = new Dictionary<string, string>(i.Grades),
            })],
        })],
    };
}
