using System.Globalization;

namespace Section11.Core.ActionPlans.Exports;

/// <summary>
/// An agency's action plan laid out as the seed template prints it, ready to export: an "Overarching standard" row
/// for each run of areas sharing a standard, a numbered row per improvement area, and a row per action.
/// </summary>
/// <param name="AgencyName">The agency whose plan this is.</param>
/// <param name="GeneratedOn">The day the export was made; overdue is judged against it.</param>
/// <param name="Title">An optional framework or round title printed under the heading.</param>
/// <param name="Groups">The overarching standards in plan order.</param>
public sealed record ActionPlanDocument(string AgencyName, DateOnly GeneratedOn, string? Title, IReadOnlyList<ActionPlanStandardGroup> Groups)
{
    /// <summary>The template's columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Action number",
        "Specific action and timescale",
        "Accountability",
        "Success indicators (include timescale)",
        "Risk, progress and additional actions (date all entries)",
        "RAG rating",
        "Impact and evidence",
    ];

    public string Heading => $"Section 11 action plan: {AgencyName}";

    /// <summary>"Generated on 1 February 2027", after the title when there is one.</summary>
    public string Subheading => string.IsNullOrWhiteSpace(Title)
        ? $"Generated on {ActionPlanText.Date(GeneratedOn)}"
        : $"{Title} – generated on {ActionPlanText.Date(GeneratedOn)}";

    /// <summary>
    /// Lays out a plan as <see cref="ActionPlanService.GetPlanAsync"/> returns it. Areas keep their plan order
    /// (<see cref="PlanNumbering"/>); a new overarching standard row starts whenever the standard differs from the
    /// area before, so numbers always read in order.
    /// </summary>
    /// <param name="authorNames">Display names by user id, to name who recorded each monitoring entry; optional.</param>
    /// <param name="include">Which areas to lay out (e.g. one round's); numbers stay those of the whole plan. All when null.</param>
    /// <param name="citable">The survey results the agency may cite (<see cref="Surveys.SurveyService.CitableAsync"/>), to print the one an action cites.</param>
    public static ActionPlanDocument From(string agencyName, IReadOnlyList<ImprovementArea> areas, DateOnly today,
        IReadOnlyDictionary<string, string>? authorNames = null, string? title = null, Func<ImprovementArea, bool>? include = null,
        IReadOnlyList<Surveys.SurveyCitation>? citable = null)
    {
        var groups = new List<ActionPlanStandardGroup>();
        List<ActionPlanArea>? current = null;
        string? currentStandard = null;
        foreach (var (area, number, actions) in PlanNumbering.Number(areas).Where(a => include?.Invoke(a.Area) ?? true))
        {
            if (current is null || !string.Equals(area.OverarchingStandard, currentStandard, StringComparison.Ordinal))
            {
                current = [];
                currentStandard = area.OverarchingStandard;
                groups.Add(new ActionPlanStandardGroup(area.OverarchingStandard, current));
            }

            current.Add(new ActionPlanArea(number, area.Outcome, [.. actions.Select(a => Action(a.Action, a.Number, today, authorNames,
                citable?.FirstOrDefault(c => c.QuestionId == a.Action.SurveyQuestionId)))]));
        }

        return new ActionPlanDocument(agencyName, today, title, groups);
    }

    internal static ActionPlanAction Action(PlanAction action, string number, DateOnly today, IReadOnlyDictionary<string, string>? authorNames,
        Surveys.SurveyCitation? cited = null) =>
        new(number, action.SpecificAction, action.Deadline, action.LeadOrganisation, action.AccountablePerson,
            action.SuccessIndicators, action.SuccessIndicatorsBy,
            [.. action.Monitoring.OrderBy(m => m.EntryDate).ThenBy(m => m.RecordedAt).ThenBy(m => m.Id)
                .Select(m => new ActionPlanMonitoringEntry(m.EntryDate, m.Kind, m.Text, authorNames?.GetValueOrDefault(m.AuthorId)))],
            action.Rag, action.ImpactAndEvidence, action.CompletedOn, action.IsOverdue(today), cited?.Evidence);
}

/// <summary>The areas under one overarching standard, e.g. "Standard 1, Section 11 audit 2026".</summary>
public sealed record ActionPlanStandardGroup(string OverarchingStandard, IReadOnlyList<ActionPlanArea> Areas)
{
    public string Text => $"Overarching standard: {OverarchingStandard}";
}

/// <summary>An identified improvement area / desired outcome, numbered 1, 2, ….</summary>
public sealed record ActionPlanArea(string Number, string Outcome, IReadOnlyList<ActionPlanAction> Actions)
{
    public string Text => $"{Number}. Identified improvement area / desired outcome: {Outcome}";
}

/// <summary>A dated monitoring entry; <paramref name="Author"/> is null when no name was supplied.</summary>
public sealed record ActionPlanMonitoringEntry(DateOnly Date, MonitoringKind Kind, string Text, string? Author)
{
    /// <summary>"20 November 2026 – Progress: Briefing booked (recorded by Priya Shah)".</summary>
    public override string ToString() =>
        $"{ActionPlanText.Date(Date)} – {ActionPlanText.Kind(Kind)}: {Text}{(string.IsNullOrWhiteSpace(Author) ? "" : $" (recorded by {Author})")}";
}

/// <summary>One action row, numbered 1.1, 1.2, …, with the texts its seven cells show.</summary>
public sealed record ActionPlanAction(
    string Number, string SpecificAction, DateOnly Deadline, string LeadOrganisation, string AccountablePerson,
    string SuccessIndicators, DateOnly? SuccessIndicatorsBy, IReadOnlyList<ActionPlanMonitoringEntry> Monitoring,
    Rag? Rag, string? ImpactAndEvidence, DateOnly? CompletedOn, bool IsOverdue, string? SurveyEvidence = null)
{
    /// <summary>"Brief staff by 31 January 2027", then "Completed on 21 November 2026" when done.</summary>
    public string SpecificActionAndTimescale =>
        $"{SpecificAction.TrimEnd().TrimEnd('.')} by {ActionPlanText.Date(Deadline)}"
        + (CompletedOn is { } done ? $"\nCompleted on {ActionPlanText.Date(done)}" : "");

    public string Accountability => $"Lead organisation: {LeadOrganisation}\nNamed professional: {AccountablePerson}";

    public string SuccessIndicatorsAndTimescale =>
        $"{SuccessIndicators}\nTimescale: {(SuccessIndicatorsBy is { } by ? ActionPlanText.Date(by) : "not recorded")}";

    /// <summary>One line per entry, oldest first; empty when nothing has been recorded.</summary>
    public string MonitoringText => string.Join("\n", Monitoring.Select(m => m.ToString()));

    /// <summary>The rating as text, never colour alone: "Green", "Amber", "Red" or "Not rated", then " (overdue)" when past the deadline and not Green.</summary>
    public string RagText => (Rag?.ToString() ?? "Not rated") + (IsOverdue ? " (overdue)" : "");

    /// <summary>The impact and evidence as typed, then the survey result the action cites, if any, on a line of its own.</summary>
    public string ImpactAndEvidenceText => string.Join("\n", new[] { ImpactAndEvidence, SurveyEvidence }.Where(t => !string.IsNullOrWhiteSpace(t)));

    /// <summary>The seven cells in column order; a cell's lines are separated by "\n".</summary>
    public IReadOnlyList<string> Cells =>
        [Number, SpecificActionAndTimescale, Accountability, SuccessIndicatorsAndTimescale, MonitoringText, RagText, ImpactAndEvidenceText];
}

internal static class ActionPlanText
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Kind(MonitoringKind kind) => kind switch
    {
        MonitoringKind.Progress => "Progress",
        MonitoringKind.Risk => "Risk",
        MonitoringKind.AdditionalAction => "Additional action",
        _ => kind.ToString(),
    };
}
