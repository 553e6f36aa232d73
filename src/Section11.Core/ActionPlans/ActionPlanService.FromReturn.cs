using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.ActionPlans;

/// <summary>An item rated below the threshold on a submitted return, offered as an improvement area.</summary>
public sealed record Suggestion(int AnswerId, int StandardId, int StandardNumber, string ItemNumber, string ItemText, string RatingLabel, string? ActionRequired, DateOnly? Timescale,
    int? RoundId = null);

/// <summary>One improvement area to create from a return: the answers it covers (one, or several merged) and its outcome.</summary>
public sealed record AreaFromAnswers(IReadOnlyList<int> AnswerIds, string? Outcome);

/// <summary>
/// What the from-return page posts for one suggestion, in the page's order: whether to add it, the earlier item whose
/// area it shares (if any), and its desired outcome.
/// </summary>
public sealed record AreaChoice(int AnswerId, bool Include, int? MergeWith, string? Outcome);

/// <summary>Improvement areas made from a submitted return's items below the threshold.</summary>
public sealed partial class ActionPlanService
{
    public sealed record ReturnWithSuggestions(int ReturnId, string RoundTitle, int Count);

    /// <summary>The agency's submitted returns that still have items waiting to become improvement areas.</summary>
    public async Task<IReadOnlyList<ReturnWithSuggestions>> GetReturnsWithSuggestionsAsync(int agencyId, PlanScope? scope = null, CancellationToken ct = default)
    {
        var submitted = await ReturnService.Summaries((scope ?? PlanScope.Whole).Filter(
                db.Returns.Where(r => r.AgencyId == agencyId && r.Status == ReturnLifecycle.CountingStatus)))
            .ToListAsync(ct);
        if (submitted.Count == 0)
        {
            return [];
        }

        // The same number of queries however many returns the agency has submitted: frameworks come from the catalog's
        // cache, and the answers below the threshold of every return come in one query.
        var frameworks = new Dictionary<int, FrameworkVersion>();
        foreach (var summary in submitted)
        {
            frameworks[summary.Id] = await catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);
        }

        var returnIds = submitted.Select(s => s.Id).ToList();
        var belowKeys = frameworks.Values.SelectMany(f => f.Levels).Where(l => !l.Meets).Select(l => l.Key).Distinct().ToList();
        var answers = (await db.Answers.AsNoTracking()
                .Where(a => returnIds.Contains(a.ReturnId) && a.Rating != null && belowKeys.Contains(a.Rating))
                .ToListAsync(ct))
            .ToLookup(a => a.ReturnId);
        var cited = await CitedAnswersAsync(agencyId, ct);
        return [.. submitted
            .Select(s => new ReturnWithSuggestions(s.Id, s.RoundTitle, Suggest(frameworks[s.Id], answers[s.Id], cited).Count))
            .Where(r => r.Count > 0)];
    }

    /// <summary>Items of a submitted return rated below the meeting threshold and not yet in the plan.</summary>
    public async Task<IReadOnlyList<Suggestion>> GetSuggestionsAsync(ReturnSummary summary, CancellationToken ct = default) =>
        (await GetOfferAsync(summary, ct)).Suggestions;

    /// <summary>What the return offers: the suggestions, and every below-threshold answer id (cited ones too).</summary>
    private async Task<(List<Suggestion> Suggestions, HashSet<int> Below)> GetOfferAsync(ReturnSummary summary, CancellationToken ct)
    {
        if (!summary.Status.CountsAsSubmitted())
        {
            return ([], []);
        }

        var framework = await catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);
        var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == summary.Id && a.Rating != null).ToListAsync(ct);
        var all = Suggest(framework, answers, []);
        var cited = await CitedAnswersAsync(summary.AgencyId, ct);
        return ([.. all.Where(s => !cited.Contains(s.AnswerId))], [.. all.Select(s => s.AnswerId)]);
    }

    private async Task<HashSet<int>> CitedAnswersAsync(int agencyId, CancellationToken ct) =>
        (await db.ImprovementAreas.AsNoTracking().Where(a => a.AgencyId == agencyId).Select(a => a.SourceAnswerIds).ToListAsync(ct))
            .SelectMany(ids => ids).ToHashSet();

    private static List<Suggestion> Suggest(FrameworkVersion framework, IEnumerable<Answer> answers, HashSet<int> cited)
    {
        var below = framework.Levels.Where(l => !l.Meets).ToDictionary(l => l.Key, l => l.Label);
        var items = framework.Standards.SelectMany(s => s.Items).ToDictionary(i => i.Id);
        return [.. answers
            .Where(a => a.Rating is not null && below.ContainsKey(a.Rating) && !cited.Contains(a.Id) && items.ContainsKey(a.ItemId))
            .Select(a => (Answer: a, Item: items[a.ItemId]))
            .OrderBy(x => x.Item.Standard.Number).ThenBy(x => x.Item.SortKey)
            .Select(x => new Suggestion(x.Answer.Id, x.Item.StandardId, x.Item.Standard.Number, x.Item.Number, x.Item.Text,
                below[x.Answer.Rating!], x.Answer.ActionRequired, x.Answer.Timescale, x.Item.Standard.RoundId))];
    }

    /// <summary>The merge rule, stated once: an item may share the area of an earlier item of the same standard.</summary>
    public static bool MayShare(Suggestion item, int position, Suggestion target, int targetPosition) =>
        targetPosition < position && target.StandardId == item.StandardId;

    /// <summary>For each suggestion, in the page's order, the earlier ones whose improvement area it may share.</summary>
    public static IReadOnlyList<IReadOnlyList<Suggestion>> ShareTargets(IReadOnlyList<Suggestion> items) =>
        [.. items.Select((item, i) => (IReadOnlyList<Suggestion>)[.. items.Take(i).Where((target, j) => MayShare(item, i, target, j))])];

    private const string Reload = "The items chosen are no longer waiting to be added. Reload the page and try again.";

    /// <summary>
    /// Creates improvement areas from what the from-return page posted. The merge graph is checked first, before
    /// anything is read from it: the return must be submitted, each answer id must be one of its below-threshold
    /// answers, once, and an item may only share the area of an earlier item of the same standard, so the graph has
    /// no cycles by construction. Areas are then grouped in one pass, in the page's order. Errors are keyed by the
    /// posted position ("Areas[2].MergeWith").
    /// </summary>
    public async Task<(int Added, IReadOnlyList<FieldError> Errors)> AddFromReturnAsync(ReturnSummary summary, IReadOnlyList<AreaChoice> choices, string userId, CancellationToken ct = default)
    {
        if (!summary.Status.CountsAsSubmitted())
        {
            return (0, [FieldError.NotOffered("", "Improvement areas can only be added from a submitted return.")]);
        }

        var (suggestions, below) = await GetOfferAsync(summary, ct);
        var offered = suggestions.ToDictionary(s => s.AnswerId);
        // A list longer than the offer, an id twice or an id that is not one of this return's gaps: not our page.
        if (choices.Count > below.Count || choices.Select(c => c.AnswerId).Distinct().Count() != choices.Count || !choices.All(c => below.Contains(c.AnswerId)))
        {
            return (0, [FieldError.NotOffered("", "The form sent does not match the items of this return. Reload the page and try again.")]);
        }

        if (!choices.All(c => offered.ContainsKey(c.AnswerId)))
        {
            return (0, [new("", Reload)]); // a colleague added some of them meanwhile
        }

        var position = choices.Select((c, i) => (c.AnswerId, i)).ToDictionary(x => x.AnswerId, x => x.i);
        var errors = new List<FieldError>();
        var root = new int[choices.Count];
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            root[i] = i;
            if (choice.MergeWith is not { } target)
            {
                continue;
            }

            if (!position.TryGetValue(target, out var j) || !MayShare(offered[choice.AnswerId], i, offered[target], j))
            {
                errors.Add(FieldError.NotOffered($"Areas[{i}].MergeWith",
                    $"{offered[choice.AnswerId].ItemNumber} can only share the improvement area of an earlier item from the same standard"));
            }
            else if (choices[j].Include)
            {
                root[i] = root[j]; // j < i, so its root is already final: one pass, no recursion
            }
        }

        if (errors.Count > 0)
        {
            return (0, errors);
        }

        var groups = Enumerable.Range(0, choices.Count).Where(i => choices[i].Include).GroupBy(i => root[i]).ToList();
        if (groups.Count == 0)
        {
            return (0, [new("", "Select at least one item to add to the action plan")]);
        }

        var areas = groups.Select(g => new AreaFromAnswers([.. g.Select(i => choices[i].AnswerId)], choices[g.Key].Outcome)).ToList();
        // The create step numbers errors by area; the page shows them on the area's first item.
        var created = await CreateAreasAsync(summary, areas, userId, ct);
        return (created.Count == 0 ? areas.Count : 0, [.. created.Select(e => e.Key.StartsWith("Areas[", StringComparison.Ordinal)
            ? e with { Key = $"Areas[{groups[AreaIndex(e.Key)].Key}]{e.Key[(e.Key.IndexOf(']', StringComparison.Ordinal) + 1)..]}" }
            : e)]);
    }

    private static int AreaIndex(string key) => int.Parse(key.AsSpan(6, key.IndexOf(']', StringComparison.Ordinal) - 6), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Creates improvement areas from a submitted return's suggestions. Merged answers must share a standard, so
    /// each area keeps one overarching standard.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> CreateAreasAsync(ReturnSummary summary, IReadOnlyList<AreaFromAnswers> areas, string userId, CancellationToken ct = default)
    {
        var suggestions = (await GetSuggestionsAsync(summary, ct)).ToDictionary(s => s.AnswerId);
        if (areas.Count == 0)
        {
            return [new("", "Select at least one item to add to the action plan")];
        }

        // Each waiting answer at most once, in one area: so the lists are never longer than the return's gaps.
        var ids = areas.SelectMany(a => a.AnswerIds).ToList();
        if (areas.Any(a => a.AnswerIds.Count == 0) || ids.Count > suggestions.Count || ids.Distinct().Count() != ids.Count || !ids.All(suggestions.ContainsKey))
        {
            return [new("", Reload)];
        }

        var errors = new List<FieldError>();
        foreach (var (area, index) in areas.Select((a, i) => (a, i)))
        {
            if (area.AnswerIds.Select(id => suggestions[id].StandardId).Distinct().Count() > 1)
            {
                errors.Add(new($"Areas[{index}].Outcome", "Only items from the same standard can be merged into one improvement area"));
            }

            if (string.IsNullOrWhiteSpace(area.Outcome))
            {
                errors.Add(new($"Areas[{index}].Outcome", $"Enter the desired outcome for {string.Join(" and ", area.AnswerIds.Select(id => suggestions[id].ItemNumber))}"));
            }
            else if (area.Outcome.Length > InputLimits.LongText)
            {
                errors.Add(new($"Areas[{index}].Outcome", InputLimits.TooLong($"Desired outcome for {suggestions[area.AnswerIds[0]].ItemNumber}", InputLimits.LongText)));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var next = await NextAreaPositionAsync(summary.AgencyId, ct);
        var added = new List<ImprovementArea>();
        foreach (var area in areas)
        {
            var first = suggestions[area.AnswerIds[0]];
            added.Add(new ImprovementArea
            {
                AgencyId = summary.AgencyId,
                // A local section's area belongs to its partnership's round; the rest to the return's first round,
                // and PlanScope shows it to every partnership the return goes to.
                RoundId = first.RoundId ?? summary.Receipts[0].RoundId,
                StandardId = first.StandardId,
                OverarchingStandard = $"Standard {first.StandardNumber}, {summary.RoundTitle}",
                Outcome = ReturnService.Normalise(area.Outcome)!,
                Position = next++,
                SourceAnswerIds = [.. area.AnswerIds],
                CreatedAt = Now,
                CreatedById = userId,
            });
        }

        db.ImprovementAreas.AddRange(added);
        await db.SaveChangesAsync(ct);
        foreach (var area in added)
        {
            Log(userId, "ImprovementArea", area.Id, "Created", null, $"{area.OverarchingStandard}: {area.Outcome}");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    private async Task<int> NextAreaPositionAsync(int agencyId, CancellationToken ct) =>
        (await db.ImprovementAreas.Where(a => a.AgencyId == agencyId).MaxAsync(a => (int?)a.Position, ct) ?? 0) + 1;
}
