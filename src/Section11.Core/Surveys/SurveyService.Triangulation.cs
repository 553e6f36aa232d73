using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Reporting;
using Section11.Core.Review;

namespace Section11.Core.Surveys;

public enum Contradiction
{
    None,

    /// <summary>The agency says it meets the item, but fewer than the threshold of its staff agree.</summary>
    MeetsButFewAgree,

    /// <summary>The agency says it does not meet the item, but nearly all its staff agree.</summary>
    NotMetButStaffAgree,
}

/// <summary>
/// One agency and one framework item that survey questions are mapped to: the agency's self rating (submitted returns
/// only), the partnership's moderated rating if any, and how many of its staff's answers to those questions agree.
/// <see cref="AgreePercent"/> is null when fewer staff answered than the survey's minimum group size.
/// </summary>
public sealed record TriangulationRow(
    string AgencyName, int AgencyId, Item Item, string? SelfRating, bool? SelfMeets, string? ModeratedRating, int Responses,
    int Agreeing, int Answers, int? AgreePercent, Contradiction Flag);

public sealed record TriangulationView(Survey Survey, IReadOnlyList<TriangulationRow> Rows)
{
    public IEnumerable<TriangulationRow> Flagged => Rows.Where(r => r.Flag != Contradiction.None);
}

/// <summary>
/// One agency's rows of a closed survey's triangulation, for its report (page, Word and PDF) and its review; the words
/// are here so that every format says the same.
/// </summary>
public sealed record AgencyTriangulation(Survey Survey, IReadOnlyList<TriangulationRow> Rows)
{
    public IReadOnlyList<TriangulationRow> Flagged => [.. Rows.Where(r => r.Flag != Contradiction.None)];

    /// <summary>Whether enough of the agency's staff answered for any share to be given.</summary>
    public bool Compared => Rows.Any(r => r.AgreePercent is not null);

    public const string Heading = "What staff said in the all-staff survey";

    public string Introduction =>
        $"The survey asked staff about {Rows.Count} {(Rows.Count == 1 ? "item" : "items")} of this return. An item is flagged when the agency rates it as meeting the standard " +
        $"but fewer than {Survey.MeetsButFewAgreePercent}% of its staff's answers agree, or as not meeting it while at least {Survey.NotMetButAgreePercent}% agree.";

    /// <summary>Instead of the table: too few answered, or nothing flagged; null when there is a table of flagged items.</summary>
    public string? Outcome => !Compared
        ? $"Fewer than {Survey.MinimumGroupSize} of the agency's staff answered ({Rows[0].Responses}), so their answers are not compared with its ratings."
        : Flagged.Count == 0 ? "Staff answers do not contradict any of the agency's ratings." : null;

    public string Caption => $"Flagged items ({Flagged.Count})";

    public static IReadOnlyList<string> Columns { get; } = ["Item", "Self rating", "Moderated rating", "Staff agreeing", "Flag"];

    /// <summary>A flagged row's cells in <see cref="Columns"/> order.</summary>
    public static IReadOnlyList<string> Cells(TriangulationRow row) =>
        [row.Item.Number, row.SelfRating ?? "Not rated", row.ModeratedRating ?? "None", $"{row.AgreePercent}% ({row.Agreeing} of {row.Answers})", row.Flag.Label()];
}

public static class ContradictionText
{
    /// <summary>What a flag says, the same on every page that shows one.</summary>
    public static string Label(this Contradiction c) => c switch
    {
        Contradiction.MeetsButFewAgree => "Rated as meeting, but few staff agree",
        Contradiction.NotMetButStaffAgree => "Rated as not meeting, but nearly all staff agree",
        _ => "No contradiction",
    };
}

public sealed partial class SurveyService
{
    /// <summary>
    /// Flags a self rating the staff's answers contradict: meets (or better, by the scale's own "meets" levels) while
    /// fewer than <paramref name="fewAgree"/>% agree, or does not meet while at least <paramref name="mostAgree"/>% agree.
    /// No rating or no share (too few staff) is never a contradiction.
    /// </summary>
    public static Contradiction Contradicts(bool? meets, int? agreePercent, int fewAgree, int mostAgree) => (meets, agreePercent) switch
    {
        (true, { } p) when p < fewAgree => Contradiction.MeetsButFewAgree,
        (false, { } p) when p >= mostAgree => Contradiction.NotMetButStaffAgree,
        _ => Contradiction.None,
    };

    /// <summary>
    /// Every mapped item for every agency of the round, in agency then item order; null without an opened survey.
    /// Only agree/disagree and yes/no questions count: agree and strongly agree, or yes, is agreeing.
    /// </summary>
    public async Task<TriangulationView?> GetTriangulationAsync(int roundId, CancellationToken ct = default)
    {
        var survey = await GetAsync(roundId, ct);
        if (survey?.OpenedAt is null)
        {
            return null;
        }

        var data = (await new RoundDataService(db, catalog, time).LoadAsync(roundId, withText: false, ct: ct))!;
        var items = data.Standards.SelectMany(RoundData.ItemsOf).ToList();
        var questions = survey.Questions.Where(q => SurveyResultRules.HasAgreeShare(q.Kind)).ToList();
        var mapped = items.Select(i => (Item: i, Questions: questions.Where(q => q.ItemNumberList.Contains(i.Number)).ToList())).Where(m => m.Questions.Count > 0).ToList();
        var receipts = data.Returns.Select(r => r.ReceiptId).ToList();
        var moderated = await db.ModeratedRatings.AsNoTracking().Where(m => receipts.Contains(m.ReceiptId) && m.ItemId != null)
            .Select(m => new { m.ReceiptId, m.ItemId, m.Rating }).ToListAsync(ct);
        var moderationScale = ModerationRules.Scale(data.Framework.Definition);
        var (responses, _, _) = await LoadResponsesAsync(db, survey.Id, null, ct);
        var rows = new List<TriangulationRow>();
        foreach (var r in data.Returns)
        {
            var staff = responses.Where(x => x.AgencyId == r.AgencyId).ToList();
            foreach (var (item, qs) in mapped)
            {
                var answers = staff.SelectMany(x => qs.Select(x.Of)).Where(a => a.Count > 0).ToList();
                var agreeing = answers.Count(a => a.Any(SurveyResultRules.Agrees));
                int? percent = staff.Count >= survey.MinimumGroupSize && answers.Count > 0 ? SurveyResultRules.Percent(agreeing, answers.Count) : null;
                var level = r.IsSubmitted ? data.Level(data.Answer(r.ReturnId, item.Id)?.Rating) : null;
                var mod = moderated.FirstOrDefault(m => m.ReceiptId == r.ReceiptId && m.ItemId == item.Id);
                var modLabel = mod is null ? null : moderationScale.FirstOrDefault(l => l.Key == mod.Rating)?.Label ?? mod.Rating;
                var flag = Contradicts(level?.Meets, percent, survey.MeetsButFewAgreePercent, survey.NotMetButAgreePercent);
                rows.Add(new(r.AgencyName, r.AgencyId, item, level?.Label, level?.Meets, modLabel, staff.Count, agreeing, answers.Count, percent, flag));
            }
        }

        return new(survey, rows);
    }

    /// <summary>
    /// One agency's triangulation rows, for its report and the partnership's review of its return: only once the
    /// survey has closed (the numbers are then final, as the agency lead's view of the results), else null; null too
    /// when no question is mapped or the agency is not in the round. The rows and flags are <see cref="GetTriangulationAsync"/>'s.
    /// </summary>
    public async Task<AgencyTriangulation?> GetAgencyTriangulationAsync(int roundId, int agencyId, CancellationToken ct = default) =>
        (await GetAgencyTriangulationsAsync(roundId, ct)).GetValueOrDefault(agencyId);

    /// <summary>Every agency's <see cref="GetAgencyTriangulationAsync"/> at once (for the round's reports), by agency id.</summary>
    public async Task<IReadOnlyDictionary<int, AgencyTriangulation>> GetAgencyTriangulationsAsync(int roundId, CancellationToken ct = default)
    {
        if (!await db.Surveys.AnyAsync(s => s.RoundId == roundId && s.ClosedAt != null, ct))
        {
            return new Dictionary<int, AgencyTriangulation>();
        }

        var view = (await GetTriangulationAsync(roundId, ct))!;
        return view.Rows.GroupBy(r => r.AgencyId).ToDictionary(g => g.Key, g => new AgencyTriangulation(view.Survey, [.. g]));
    }

    /// <summary>Questions to start from (<see cref="SurveySuggestions"/>); empty without a survey.</summary>
    public async Task<IReadOnlyList<SuggestedQuestion>> SuggestAsync(int roundId, CancellationToken ct = default)
    {
        var survey = await GetAsync(roundId, ct);
        return survey is null ? [] : SurveySuggestions.For((await new RoundDataService(db, catalog, time).LoadAsync(roundId, withText: false, ct: ct))!, survey.Questions.Select(q => q.Text));
    }
}
