using Section11.Core.Frameworks;

namespace Section11.Core.Review;

/// <summary>
/// A partnership's moderated rating of one item (or, with no item, of one standard's evaluation) in the return it
/// received: its own record on its receipt, beside the agency's self rating and never over it. The rating is the key
/// of a level of the moderation scale (<see cref="ModerationDefinition"/>).
/// </summary>
public class ModeratedRating
{
    public int Id { get; set; }
    public int ReceiptId { get; set; }

    /// <summary>The standard rated, or the standard of the item rated.</summary>
    public int StandardId { get; set; }

    /// <summary>Null for the standard's evaluation.</summary>
    public int? ItemId { get; set; }

    public required string Rating { get; set; }
    public string? Reason { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedById { get; set; }
}

/// <summary>The rules of one moderated rating, where the page and the service both find them.</summary>
public static class ModerationRules
{
    /// <summary>The scale moderated ratings use: the framework's moderation scale, or its own scale.</summary>
    public static IReadOnlyList<ScaleLevelDefinition> Scale(FrameworkDefinition framework) =>
        (framework.ModerationOrDefault.Scale ?? framework.Scale).Levels;

    /// <summary>
    /// Whether the moderated level differs from the self rating: by value when both levels carry one (so a 0–3
    /// moderation scale compares with a self scale that says what each level is worth), by key otherwise. No self rating
    /// always differs.
    /// </summary>
    public static bool Differs(ScaleLevelDefinition? self, ScaleLevelDefinition moderated) =>
        self is null || (self.Value is { } a && moderated.Value is { } b ? a != b : self.Key != moderated.Key);

    /// <summary>
    /// Which way the moderated level lies from the self rating: 0 the same, negative moderated down, positive moderated
    /// up. By value when both levels carry one; by position when the partnership moderates on the framework's own
    /// scale; otherwise null for levels that differ (a moderation scale of its own without values cannot say which way).
    /// </summary>
    public static int? Compare(FrameworkDefinition framework, ScaleLevelDefinition? self, ScaleLevelDefinition moderated)
    {
        if (self is null)
        {
            return null;
        }

        if (!Differs(self, moderated))
        {
            return 0;
        }

        if (self.Value is { } a && moderated.Value is { } b)
        {
            return b.CompareTo(a);
        }

        var levels = framework.Scale.Levels.Select(l => l.Key).ToList();
        return framework.ModerationOrDefault.Scale is null ? levels.IndexOf(moderated.Key).CompareTo(levels.IndexOf(self.Key)) : null;
    }

    /// <summary>Why the moderated rating cannot be saved, or null. <paramref name="what"/> names it in the message ("1.1").</summary>
    public static string? Check(FrameworkDefinition framework, string? selfKey, string rating, string? reason, string what)
    {
        var scale = Scale(framework);
        var level = scale.FirstOrDefault(l => l.Key == rating);
        if (level is null)
        {
            return $"Select a moderated rating for {what} from the scale";
        }

        if (reason is { Length: > InputLimits.LongText })
        {
            return InputLimits.TooLong($"The reason for {what}", InputLimits.LongText);
        }

        var self = framework.Scale.Levels.FirstOrDefault(l => l.Key == selfKey);
        return framework.ModerationOrDefault.ReasonRequiredWhenDifferent && string.IsNullOrWhiteSpace(reason) && Differs(self, level)
            ? $"Enter why the moderated rating of {what} differs from the agency's"
            : null;
    }
}
