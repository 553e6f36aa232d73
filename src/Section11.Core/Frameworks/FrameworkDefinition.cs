using System.Text.Json.Serialization;

namespace Section11.Core.Frameworks;

/// <summary>A framework file as loaded and validated: the whole template as data.</summary>
public sealed record FrameworkDefinition(
    string Id,
    string Version,
    string Title,
    string? Publisher,
    string? Source,
    string? Introduction,
    string? Guidance,
    string? Notes,
    ScaleDefinition Scale,
    AnswerSettings Answer,
    StandardEvaluationSettings StandardEvaluation,
    DeclarationDefinition Declaration,
    IReadOnlyList<StandardDefinition> Standards,
    IReadOnlyList<DocumentLink> Documents,
    ActionPlanDefinition? ActionPlan,
    // Left out of the stored JSON when absent, so a framework without it keeps its content hash (and loads unchanged).
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ModerationDefinition? Moderation = null)
{
    public int ItemCount => Standards.Sum(s => s.Items.Count);

    /// <summary>How a partnership moderates returns on this framework: its own section, or the framework's scale.</summary>
    [JsonIgnore]
    public ModerationDefinition ModerationOrDefault => Moderation ?? ModerationDefinition.Default;
}

/// <summary>
/// The framework's <c>moderation</c> section: the scale moderated ratings use (null: the framework's own scale) and
/// whether a moderated rating that differs from the self rating needs a reason.
/// </summary>
public sealed record ModerationDefinition(ScaleDefinition? Scale, bool ReasonRequiredWhenDifferent)
{
    public static ModerationDefinition Default { get; } = new(null, true);
}

public sealed record ScaleDefinition(IReadOnlyList<ScaleLevelDefinition> Levels);

public sealed record ScaleLevelDefinition(string Key, string Label, string Colour, bool Meets, decimal? Value, string? Description);

public sealed record AnswerSettings(bool ActualEvidence, bool ActionRequired, bool Timescale, bool ActionBelowThreshold)
{
    public static AnswerSettings Default { get; } = new(true, true, true, true);
}

public sealed record StandardEvaluationSettings(string Prompt, bool StatementRequired)
{
    public static StandardEvaluationSettings Default { get; } =
        new("State how you have evaluated this standard, with a brief supporting statement.", true);
}

public sealed record DeclarationDefinition(string Text, IReadOnlyList<string> Fields)
{
    public static IReadOnlyList<string> KnownFields { get; } = ["name", "post_held", "organisation", "date"];

    public static DeclarationDefinition Default { get; } = new(
        "I confirm that this is an accurate reflection of our agency's safeguarding arrangements.",
        KnownFields);
}

public sealed record StandardDefinition(
    int Number,
    string Title,
    string? Source,
    IReadOnlyList<string> Descriptors,
    bool Local,
    IReadOnlyList<ItemDefinition> Items);

public sealed record ItemDefinition(
    string Number,
    string Text,
    IReadOnlyList<string> Evidence,
    IReadOnlyDictionary<string, string> Grades,
    string? Note);

public sealed record DocumentLink(string Title, string? Url, string? Note);

public sealed record ActionPlanDefinition(string? Guidance, IReadOnlyList<RagDefinition> Rag);

public sealed record RagDefinition(string Key, string Label, string Definition);

/// <summary>One problem in a framework file, reported as FILE:LINE: message.</summary>
public sealed record FrameworkProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
