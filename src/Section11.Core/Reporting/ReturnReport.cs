using Section11.Core.ActionPlans.Exports;
using Section11.Core.Returns;
using Section11.Core.Surveys;

namespace Section11.Core.Reporting;

/// <summary>
/// One agency's whole return laid out as the paper form: its standards with every item's rating, evidence and action,
/// each standard's evaluation, what the all-staff survey said (once it has closed), the sign-off, then the agency's
/// action plan for the round. The Word, PDF and print versions all read this, so they say the same thing.
/// </summary>
public sealed record ReturnReport(
    int ReturnId, int AgencyId, string AgencyName, string RoundTitle, string FrameworkTitle, string FrameworkVersion,
    ReturnStatus Status, DateOnly DueOn, DateTime? SubmittedAt, DateOnly GeneratedOn,
    IReadOnlyList<ReportStandard> Standards, string DeclarationText, ReportSignOff? SignOff, ActionPlanDocument ActionPlan, bool IsRevised = false,
    AgencyTriangulation? Survey = null)
{
    public string Title => $"{AgencyName}: Section 11 return";

    /// <summary>The facts printed under the title, as label and value.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts =>
    [
        ("Agency", AgencyName),
        ("Round", RoundTitle),
        ("Framework", $"{FrameworkTitle} ({FrameworkVersion})"),
        ("Status", IsRevised ? $"{Status.Label()}, revised after submission" : Status.Label()),
        ("Due by", ReportText.Date(DueOn)),
        ("Submitted", SubmittedAt is { } at ? ReportText.Date(DateOnly.FromDateTime(at)) : "Not submitted"),
        ("Report generated", ReportText.Date(GeneratedOn)),
    ];

    /// <summary>The item table's columns, as the paper form has them.</summary>
    public static IReadOnlyList<string> ItemColumns { get; } = ["Item", "Area of compliance", "Rating", "Actual evidence", "Action required and timescale"];

    public const string ActionPlanHeading = "Action plan";

    public string ActionPlanEmpty => $"The agency has no improvement areas for {RoundTitle}.";
}

public sealed record ReportStandard(int Number, string Title, IReadOnlyList<ReportItem> Items, ReportEvaluation Evaluation)
{
    public string Heading => $"Standard {Number}: {Title}";
}

/// <summary>An item and its answer. <paramref name="Rating"/> is the scale's label, or "Not rated".</summary>
public sealed record ReportItem(string Number, string Text, string? RatingKey, string Rating, string? ActualEvidence, string? ActionRequired, DateOnly? Timescale)
{
    /// <summary>"Action for 4.2\nTimescale: 31 December 2026"; empty when neither was given.</summary>
    public string ActionAndTimescale => string.Join("\n", new[]
    {
        ActionRequired, Timescale is { } t ? $"Timescale: {ReportText.Date(t)}" : null,
    }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The item table's cells in column order; lines separated by "\n".</summary>
    public IReadOnlyList<string> Cells => [Number, Text, Rating, ActualEvidence ?? "", ActionAndTimescale];
}

/// <summary>The standard's evaluation: the scale's label (or "Not rated") and the supporting statement.</summary>
public sealed record ReportEvaluation(int StandardNumber, string? RatingKey, string Rating, string? Statement)
{
    public string Heading => $"Evaluation of standard {StandardNumber}: {Rating}";
}

public sealed record ReportSignOff(string SignatoryName, string PostHeld, string Organisation, DateOnly SignedOn)
{
    public IReadOnlyList<(string Label, string Value)> Rows =>
        [("Name", SignatoryName), ("Post held", PostHeld), ("Organisation", Organisation), ("Date", ReportText.Date(SignedOn))];
}
