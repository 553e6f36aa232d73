using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Review;

namespace Section11.Core.Reporting;

/// <summary>
/// One moderated rating beside the agency's own: <see cref="Direction"/> is 0 when they agree, negative when the
/// partnership moderated it down, positive when up, null when the scales cannot say which way.
/// </summary>
public sealed record ModeratedGrade(Standard Standard, int? ItemId, ScaleLevelDefinition? Self, ScaleLevelDefinition Moderated, int? Direction)
{
    public bool Agrees => Direction == 0;

    /// <summary>Which way, in words, wherever a moderated grade is shown beside the agency's own.</summary>
    public string Way => Direction switch { 0 => "Agrees", < 0 => "Moderated down", > 0 => "Moderated up", _ => "Differs" };
}

/// <summary>
/// One agency's moderated ratings (<see cref="Grades"/>, items and evaluations), and its moderated standard evaluations
/// a cell per standard (null where the evaluation was not moderated).
/// </summary>
public sealed record ModerationRow(RoundReturn Return, IReadOnlyList<ModeratedGrade> Grades, IReadOnlyList<ModeratedGrade?> Evaluations)
{
    public int Moderated => Grades.Count;
    public int Agreed => Grades.Count(g => g.Agrees);
    public int Down => Grades.Count(g => g.Direction < 0);
    public int Up => Grades.Count(g => g.Direction > 0);
}

/// <summary>How often a standard's items and evaluation were moderated, and moderated down.</summary>
public sealed record StandardModeration(Standard Standard, int Moderated, int Agreed, int Down, int Up);

/// <summary>
/// Self-assessment against moderation across a round's submitted returns (of the dashboard's sector): the agreement
/// rate, each agency's moderated evaluations standard by standard, and the standards most often moderated down.
/// Every moderated rating counts once, item or evaluation.
/// </summary>
public sealed record ModerationComparison(IReadOnlyList<ModerationRow> Rows, IReadOnlyList<StandardModeration> Standards)
{
    public int Moderated => Rows.Sum(r => r.Moderated);
    public int Agreed => Rows.Sum(r => r.Agreed);
    public int Down => Rows.Sum(r => r.Down);
    public int Up => Rows.Sum(r => r.Up);

    /// <summary>Whole per cent, rounded down, as the dashboard's other shares are.</summary>
    public int AgreementPercent => Moderated == 0 ? 0 : Agreed * 100 / Moderated;

    private readonly Dictionary<(int ReceiptId, int StandardId, int? ItemId), ModeratedGrade> _byRating =
        Rows.SelectMany(r => r.Grades.Select(g => (Key: (r.Return.ReceiptId, g.Standard.Id, g.ItemId), Grade: g))).ToDictionary(x => x.Key, x => x.Grade);

    /// <summary>The moderated grade of an item (or, with no item, of the standard's evaluation) of a receipt, if any.</summary>
    public ModeratedGrade? Of(int receiptId, int standardId, int? itemId) => _byRating.GetValueOrDefault((receiptId, standardId, itemId));

    public IEnumerable<StandardModeration> MostOftenDown => Standards.Where(s => s.Down > 0).OrderByDescending(s => s.Down).ThenBy(s => s.Standard.Number);

    private sealed record Row(int ReceiptId, int StandardId, int? ItemId, string Rating, string? Self);

    /// <summary>The comparison for these returns of the round: one statement, the self rating read beside each moderated one.</summary>
    public static async Task<ModerationComparison> LoadAsync(Section11DbContext db, RoundData data, IReadOnlyList<RoundReturn> returns, CancellationToken ct)
    {
        var roundId = data.Round.Id;
        var rows = await (
                from m in db.ModeratedRatings.AsNoTracking()
                join x in db.Receipts.Where(x => x.RoundId == roundId) on m.ReceiptId equals x.Id
                select new Row(m.ReceiptId, m.StandardId, m.ItemId, m.Rating, m.ItemId == null
                    ? db.StandardEvaluations.Where(e => e.ReturnId == x.ReturnId && e.StandardId == m.StandardId).Select(e => e.Rating).FirstOrDefault()
                    : db.Answers.Where(a => a.ReturnId == x.ReturnId && a.ItemId == m.ItemId).Select(a => a.Rating).FirstOrDefault()))
            .ToListAsync(ct);

        var definition = data.Framework.Definition;
        var selfScale = definition.Scale.Levels.ToDictionary(l => l.Key);
        var moderationScale = ModerationRules.Scale(definition).ToDictionary(l => l.Key);
        var standards = data.Standards.ToList();
        var byId = standards.ToDictionary(s => s.Id);
        var grades = rows
            .Where(r => byId.ContainsKey(r.StandardId) && moderationScale.ContainsKey(r.Rating))
            .ToLookup(r => r.ReceiptId, r =>
            {
                var self = r.Self is null ? null : selfScale.GetValueOrDefault(r.Self);
                var moderated = moderationScale[r.Rating];
                return new ModeratedGrade(byId[r.StandardId], r.ItemId, self, moderated, ModerationRules.Compare(definition, self, moderated));
            });

        var moderatedRows = returns.Where(r => r.IsSubmitted && grades.Contains(r.ReceiptId))
            .Select(r =>
            {
                var of = grades[r.ReceiptId].ToList();
                return new ModerationRow(r, of, [.. standards.Select(s => of.FirstOrDefault(g => g.ItemId is null && g.Standard.Id == s.Id))]);
            })
            .ToList();
        var all = moderatedRows.SelectMany(r => r.Grades).ToLookup(g => g.Standard.Id);
        return new ModerationComparison(moderatedRows,
            [.. standards.Select(s => new StandardModeration(s, all[s.Id].Count(), all[s.Id].Count(g => g.Agrees), all[s.Id].Count(g => g.Direction < 0), all[s.Id].Count(g => g.Direction > 0)))]);
    }
}
