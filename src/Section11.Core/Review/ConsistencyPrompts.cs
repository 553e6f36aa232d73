using System.Globalization;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.Review;

public enum PromptKind
{
    /// <summary>An item rated as meeting the standard or above with no actual evidence.</summary>
    NoEvidence,

    /// <summary>A standard evaluated higher than most of its rated items.</summary>
    EvaluationAboveItems,

    /// <summary>Every rated item of the return has the same rating.</summary>
    SameRatingEverywhere,

    /// <summary>An item rated higher than last round with the same actual evidence text.</summary>
    HigherWithSameEvidence,

    /// <summary>An action-plan action rated Green with no impact and evidence recorded.</summary>
    GreenWithoutImpact,
}

/// <summary>
/// Something a reviewer may ask about. Never a blocker. Points at the item (<see cref="ItemNumber"/>), the standard's
/// evaluation (a standard without an item), or an action-plan action (<see cref="ActionId"/>); the page makes the link.
/// </summary>
public sealed record ConsistencyPrompt(PromptKind Kind, Standard? Standard, string? ItemNumber, string Message, int? ActionId = null)
{
    public int? StandardNumber => Standard?.Number;
}

/// <summary>One item's answer in the agency's previous submitted return on the same framework, matched by numbers.</summary>
public sealed record PreviousAnswer(int StandardNumber, string ItemNumber, string? Rating, string? ActualEvidence);

/// <summary>An action of the agency's action plan, as the Green-without-impact prompt needs it.</summary>
public sealed record PlanActionFact(int ActionId, string SpecificAction, Rag? Rag, string? ImpactAndEvidence);

/// <summary>Everything the prompts are judged on; the previous answers are empty when there is no previous return.</summary>
public sealed record PromptInput(
    FrameworkVersion Framework,
    IReadOnlyDictionary<int, Answer> AnswersByItem,
    IReadOnlyDictionary<int, StandardEvaluation> EvaluationsByStandard,
    IReadOnlyList<PreviousAnswer> Previous,
    IReadOnlyList<PlanActionFact> Actions);

/// <summary>
/// The consistency prompts (issue #14): questions a reviewer may raise, shown to the agency before sign-off and to
/// the partnership on the read-only view. One home for the rules; "higher" is by the scale's position (the framework
/// lists its levels lowest first).
/// </summary>
public static class ConsistencyPrompts
{
    /// <summary>Fewer rated items than this and the same rating everywhere says nothing.</summary>
    public const int SameRatingMinimum = 3;

    public static IReadOnlyList<ConsistencyPrompt> For(PromptInput input)
    {
        var framework = input.Framework;
        var levels = framework.Levels.ToDictionary(l => l.Key);
        var askEvidence = framework.Definition.Answer.ActualEvidence;
        var previous = input.Previous.ToDictionary(p => (p.StandardNumber, p.ItemNumber));
        var prompts = new List<ConsistencyPrompt>();

        foreach (var standard in framework.Standards)
        {
            var rated = new List<ScaleLevel>();
            foreach (var item in standard.Items.OrderBy(i => i.SortKey))
            {
                if (!input.AnswersByItem.TryGetValue(item.Id, out var answer) || answer.Rating is null || !levels.TryGetValue(answer.Rating, out var level))
                {
                    continue;
                }

                rated.Add(level);
                if (askEvidence && level.Meets && string.IsNullOrWhiteSpace(answer.ActualEvidence))
                {
                    prompts.Add(new(PromptKind.NoEvidence, standard, item.Number,
                        $"{item.Number} is rated {level.Label} but has no actual evidence."));
                }

                // Local sections are the partnership's own: their numbers need not mean the same from round to round.
                if (standard.RoundId is null && previous.TryGetValue((standard.Number, item.Number), out var before)
                    && before.Rating is not null && levels.TryGetValue(before.Rating, out var beforeLevel)
                    && level.Position > beforeLevel.Position && SameText(answer.ActualEvidence, before.ActualEvidence))
                {
                    prompts.Add(new(PromptKind.HigherWithSameEvidence, standard, item.Number,
                        $"{item.Number} is rated {level.Label}, higher than last round's {beforeLevel.Label}, with the same actual evidence."));
                }
            }

            if (input.EvaluationsByStandard.TryGetValue(standard.Id, out var evaluation) && evaluation.Rating is not null
                && levels.TryGetValue(evaluation.Rating, out var evaluated) && rated.Count > 0
                && rated.Count(l => l.Position < evaluated.Position) * 2 > rated.Count)
            {
                prompts.Add(new(PromptKind.EvaluationAboveItems, standard, null,
                    $"Standard {Number(standard)} is evaluated {evaluated.Label}, higher than most of its items."));
            }
        }

        prompts.AddRange(SameRating(input, levels));
        prompts.AddRange(input.Actions
            .Where(a => a.Rag == Rag.Green && string.IsNullOrWhiteSpace(a.ImpactAndEvidence))
            .Select(a => new ConsistencyPrompt(PromptKind.GreenWithoutImpact, null, null,
                $"The action \"{a.SpecificAction}\" is Green but has no impact and evidence recorded.", a.ActionId)));
        return prompts;
    }

    /// <summary>
    /// Judged across the whole return, not per standard: a standard of three items all Good is common, a return
    /// rated one way throughout suggests the items were not judged one by one. Points at the first item.
    /// </summary>
    private static IEnumerable<ConsistencyPrompt> SameRating(PromptInput input, Dictionary<string, ScaleLevel> levels)
    {
        var ratings = input.Framework.Standards.SelectMany(s => s.Items)
            .Select(i => input.AnswersByItem.TryGetValue(i.Id, out var a) ? a.Rating : null)
            .Where(r => r is not null && levels.ContainsKey(r))
            .ToList();
        if (ratings.Count >= SameRatingMinimum && ratings.Distinct().Count() == 1)
        {
            var first = input.Framework.Standards[0];
            yield return new(PromptKind.SameRatingEverywhere, first, first.Items.OrderBy(i => i.SortKey).FirstOrDefault()?.Number,
                $"Every item is rated {levels[ratings[0]!].Label}.");
        }
    }

    /// <summary>The same text once spacing and case are set aside; blank is never "the same evidence".</summary>
    private static bool SameText(string? now, string? before) =>
        !string.IsNullOrWhiteSpace(now) && !string.IsNullOrWhiteSpace(before)
        && string.Equals(Normalise(now), Normalise(before), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Number(Standard standard) => standard.Number.ToString(CultureInfo.InvariantCulture);
}
