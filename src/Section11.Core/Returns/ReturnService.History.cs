using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;

namespace Section11.Core.Returns;

/// <summary>A return's change history, as the person asking may see it.</summary>
public sealed partial class ReturnService
{
    public sealed record HistoryEntry(DateTime At, string Who, string What, string Field, string? OldValue, string? NewValue);

    /// <summary>Every change to the return, newest first, with item numbers and names rather than ids.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(ReturnSummary summary, CancellationToken ct = default)
    {
        var framework = await catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);
        var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == summary.Id).Select(a => new { a.Id, a.ItemId }).ToDictionaryAsync(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a => a.ItemId, ct);
        var evaluations = await db.StandardEvaluations.AsNoTracking().Where(e => e.ReturnId == summary.Id).Select(e => new { e.Id, e.StandardId }).ToDictionaryAsync(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e => e.StandardId, ct);
        var items = framework.Standards.SelectMany(s => s.Items).ToDictionary(i => i.Id);
        var standards = framework.Standards.ToDictionary(s => s.Id);
        var rows = await db.ChangeLog.AsNoTracking().Where(c => c.ReturnId == summary.Id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .GroupJoin(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c, u })
            .SelectMany(x => x.u.DefaultIfEmpty(), (x, u) => new { x.c, Name = u == null ? null : u.DisplayName })
            .Take(2000)
            .ToListAsync(ct);
        // A partnership's people see the history through their own receipts: another partnership's local section and
        // its receipt (due date, request for changes) are left out, as everywhere else.
        var receipts = summary.Receipts.Select(x => x.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        string? What(ChangeLogEntry c) => c.EntityType switch
        {
            "Answer" => answers.TryGetValue(c.EntityId, out var itemId) && items.TryGetValue(itemId, out var item) ? $"Item {item.Number}" : null,
            "StandardEvaluation" => evaluations.TryGetValue(c.EntityId, out var standardId) && standards.TryGetValue(standardId, out var standard)
                ? $"Evaluation of standard {standard.Number}" : null,
            "Receipt" => receipts.Contains(c.EntityId) ? "Return" : null,
            _ => "Return",
        };
        // The log keeps codes (a status's name, a scale level's key) so it reads the same whatever the labels become;
        // people are shown the labels the rest of the service uses.
        var levels = framework.Levels.ToDictionary(l => l.Key, l => l.Label, StringComparer.Ordinal);
        string? Shown(string field, string? value) => value is null ? null : field switch
        {
            "Status" when Enum.TryParse<ReturnStatus>(value, out var status) => status.Label(),
            "Rating" when levels.TryGetValue(value, out var label) => label,
            _ => value,
        };
        return [.. rows.Select(r => (r, What: What(r.c))).Where(x => x.What is not null)
            .Select(x => new HistoryEntry(x.r.c.At, x.r.Name ?? "Unknown user", x.What!, x.r.c.Field,
                Shown(x.r.c.Field, x.r.c.OldValue), Shown(x.r.c.Field, x.r.c.NewValue)))];
    }
}
