using Section11.Core.Auditing;
using Section11.Core.Returns;

namespace Section11.Core.ActionPlans;

public enum Rag
{
    Red,
    Amber,
    Green,
}

/// <summary>
/// An identified improvement area / desired outcome in an agency's action plan. The plan lives with the agency
/// across rounds; each area names its overarching standard (framework, standard and round) so every plan can be
/// read as one without losing the source. Areas are numbered 1, 2, … by position, so numbers close up after a
/// deletion.
/// </summary>
public class ImprovementArea
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int? RoundId { get; set; }
    public int? StandardId { get; set; }

    /// <summary>The overarching standard as people read it, e.g. "Standard 1, Section 11 audit 2026".</summary>
    public required string OverarchingStandard { get; set; }

    /// <summary>What we intend to achieve, with any numeric target.</summary>
    public required string Outcome { get; set; }

    public int Position { get; set; }

    /// <summary>The answers (items rated below the threshold) this area came from.</summary>
    public List<int> SourceAnswerIds { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public List<PlanAction> Actions { get; set; } = [];

    /// <summary>An area from a return names its standard, which is the return's to say; one added by hand names its own source.</summary>
    public bool IsFromReturn => RoundId is not null || StandardId is not null;

    public static IReadOnlyList<FieldError> Check(AreaInput input, bool fromReturn)
    {
        var errors = new List<FieldError>();
        if (!fromReturn)
        {
            if (string.IsNullOrWhiteSpace(input.Source))
            {
                errors.Add(new("Source", "Enter where this improvement area comes from, for example a serious case review"));
            }
            else if (input.Source.Length > InputLimits.OverarchingStandard)
            {
                errors.Add(new("Source", InputLimits.TooLong("Where it comes from", InputLimits.OverarchingStandard)));
            }
        }

        if (string.IsNullOrWhiteSpace(input.Outcome))
        {
            errors.Add(new("Outcome", "Enter the desired outcome"));
        }
        else if (input.Outcome.Length > InputLimits.LongText)
        {
            errors.Add(new("Outcome", InputLimits.TooLong("Desired outcome", InputLimits.LongText)));
        }

        return errors;
    }

    /// <summary>Changes the outcome (and the source of an area added by hand); each changed field adds a row to <paramref name="log"/>.</summary>
    public IReadOnlyList<FieldError> Update(AreaInput input, Actor actor, List<ChangeLogEntry> log)
    {
        var errors = Check(input, IsFromReturn);
        if (errors.Count > 0)
        {
            return errors;
        }

        var outcome = ReturnService.Normalise(input.Outcome)!;
        if (outcome != Outcome)
        {
            log.Add(ChangeRecorder.Entry(actor, nameof(ImprovementArea), Id, nameof(Outcome), Outcome, outcome));
            Outcome = outcome;
        }

        var source = ReturnService.Normalise(input.Source);
        if (!IsFromReturn && source != OverarchingStandard)
        {
            log.Add(ChangeRecorder.Entry(actor, nameof(ImprovementArea), Id, nameof(OverarchingStandard), OverarchingStandard, source));
            OverarchingStandard = source!;
        }

        return [];
    }
}

/// <summary>A specific action under an improvement area, numbered 1.1, 1.2, … by position.</summary>
public class PlanAction
{
    public int Id { get; set; }
    public int ImprovementAreaId { get; set; }
    public int Position { get; set; }
    public required string SpecificAction { get; set; }
    public DateOnly Deadline { get; set; }
    public required string LeadOrganisation { get; set; }
    public required string AccountablePerson { get; set; }
    public required string SuccessIndicators { get; set; }
    public DateOnly? SuccessIndicatorsBy { get; set; }
    public Rag? Rag { get; set; }
    public string? ImpactAndEvidence { get; set; }

    /// <summary>A survey result cited as evidence beside the impact and evidence (docs/survey.md); null for none.</summary>
    public int? SurveyQuestionId { get; set; }

    public DateOnly? CompletedOn { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedById { get; set; }
    public int Version { get; set; }
    public List<MonitoringEntry> Monitoring { get; set; } = [];

    /// <summary>The change-log row that keeps what a deleted action said.</summary>
    public ChangeLogEntry Deleted(Actor actor) =>
        ChangeRecorder.Entry(actor, nameof(PlanAction), Id, "Deleted",
            $"{SpecificAction} (deadline {Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}, {AccountablePerson}, {LeadOrganisation}; RAG {Rag?.ToString() ?? "not rated"})", null);

    /// <summary>Past its deadline and not Green: shown as overdue wherever the action appears.</summary>
    public bool IsOverdue(DateOnly today) => IsOverdueOn(Deadline, Rag, today);

    /// <summary>The overdue rule on its two columns, for lists that read only those (the dashboard's overdue actions).</summary>
    public static bool IsOverdueOn(DateOnly deadline, Rag? rag, DateOnly today) => deadline < today && rag != ActionPlans.Rag.Green;

    /// <summary>
    /// The Green rule, stated once: Green means completed with evidence recorded, so it is refused while impact and
    /// evidence are empty (the seed: "RAG rating cannot be green without evidence recorded here").
    /// </summary>
    public static string? RagRefusal(Rag? rag, string? impactAndEvidence) =>
        rag == ActionPlans.Rag.Green && string.IsNullOrWhiteSpace(impactAndEvidence)
            ? "Record the impact and evidence before rating this action Green"
            : null;

    /// <summary>Sets the RAG rating alone, against the evidence already recorded. Returns the refusal, if any.</summary>
    public string? SetRag(Rag? rag, Actor actor)
    {
        if (RagRefusal(rag, ImpactAndEvidence) is { } refusal)
        {
            return refusal;
        }

        Rag = rag;
        UpdatedAt = actor.At;
        UpdatedById = actor.UserId;
        return null;
    }

    /// <summary>
    /// Applies a checked action (see <see cref="ActionRules.Read"/>). The Green rule is judged first, against the
    /// evidence being saved, and a refusal changes nothing, so no change-log row is written for a change that is not
    /// saved. Each changed field adds a row to <paramref name="log"/> (none for a new action: its "Created" row is
    /// the record).
    /// </summary>
    public FieldError? Update(ActionValues values, Actor actor, List<ChangeLogEntry>? log)
    {
        if (RagRefusal(values.Rag, values.ImpactAndEvidence) is { } refusal)
        {
            return new FieldError("Rag", refusal);
        }

        void Set<T>(string field, T old, T value, Action apply, Func<T, string?> show)
        {
            if (EqualityComparer<T>.Default.Equals(old, value))
            {
                return;
            }

            apply();
            log?.Add(ChangeRecorder.Entry(actor, "PlanAction", Id, field, show(old), show(value)));
        }

        static string? Text(string? s) => s;
        static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Set(nameof(SpecificAction), SpecificAction, values.SpecificAction, () => SpecificAction = values.SpecificAction, Text);
        Set(nameof(Deadline), (DateOnly?)Deadline, values.Deadline, () => Deadline = values.Deadline, Date);
        Set(nameof(LeadOrganisation), LeadOrganisation, values.LeadOrganisation, () => LeadOrganisation = values.LeadOrganisation, Text);
        Set(nameof(AccountablePerson), AccountablePerson, values.AccountablePerson, () => AccountablePerson = values.AccountablePerson, Text);
        Set(nameof(SuccessIndicators), SuccessIndicators, values.SuccessIndicators, () => SuccessIndicators = values.SuccessIndicators, Text);
        Set(nameof(SuccessIndicatorsBy), SuccessIndicatorsBy, values.SuccessIndicatorsBy, () => SuccessIndicatorsBy = values.SuccessIndicatorsBy, Date);
        Set(nameof(ImpactAndEvidence), ImpactAndEvidence, values.ImpactAndEvidence, () => ImpactAndEvidence = values.ImpactAndEvidence, Text);
        Set(nameof(CompletedOn), CompletedOn, values.CompletedOn, () => CompletedOn = values.CompletedOn, Date);
        Set(nameof(SurveyQuestionId), SurveyQuestionId, values.SurveyQuestionId, () => SurveyQuestionId = values.SurveyQuestionId, q => q?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(nameof(Rag), Rag, values.Rag, () => Rag = values.Rag, r => r?.ToString());
        UpdatedAt = actor.At;
        UpdatedById = actor.UserId;
        return null;
    }
}

public enum MonitoringKind
{
    Progress,
    Risk,
    AdditionalAction,
}

/// <summary>A dated entry in an action's monitoring log: progress, a risk, or an additional action. Never changed.</summary>
public class MonitoringEntry
{
    public long Id { get; set; }
    public int PlanActionId { get; set; }
    public DateOnly EntryDate { get; set; }
    public MonitoringKind Kind { get; set; }
    public required string Text { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string AuthorId { get; set; }
}

/// <summary>What a person typed for an action: text as typed, dates as three boxes.</summary>
public sealed record ActionInput(
    string? SpecificAction, DateInput Deadline, string? LeadOrganisation, string? AccountablePerson,
    string? SuccessIndicators, DateInput SuccessIndicatorsBy, string? ImpactAndEvidence, string? Rag, DateInput CompletedOn,
    int? SurveyQuestionId = null);

/// <summary>An action as it is saved: checked, trimmed, dates read.</summary>
public sealed record ActionValues(
    string SpecificAction, DateOnly Deadline, string LeadOrganisation, string AccountablePerson,
    string SuccessIndicators, DateOnly? SuccessIndicatorsBy, string? ImpactAndEvidence, Rag? Rag, DateOnly? CompletedOn,
    int? SurveyQuestionId = null);

/// <summary>The SMART rules for an action, as the seed's action plan guidance states them. Fields are named as the page labels them.</summary>
public static class ActionRules
{
    public static IReadOnlyList<FieldError> Check(ActionInput input, DateOnly today, DateOnly? previousDeadline = null) =>
        Read(input, today, previousDeadline).Errors;

    /// <summary>Checks what was typed and, when it is all valid, reads it into the values to save.</summary>
    public static (ActionValues? Values, IReadOnlyList<FieldError> Errors) Read(ActionInput input, DateOnly today, DateOnly? previousDeadline = null)
    {
        var errors = new List<FieldError>();
        Text(errors, "SpecificAction", input.SpecificAction, "Specific action", InputLimits.LongText, "Enter the specific action");
        var (deadline, deadlineError) = input.Deadline.Parse();
        if (input.Deadline.IsEmpty)
        {
            errors.Add(new("Deadline", "Enter a deadline: every action must have one"));
        }
        else if (deadlineError is not null)
        {
            errors.Add(new("Deadline", $"Deadline {deadlineError}"));
        }
        else if (deadline < today && deadline != previousDeadline)
        {
            errors.Add(new("Deadline", "Deadline must be today or in the future"));
        }

        Text(errors, "LeadOrganisation", input.LeadOrganisation, "Organisation with lead responsibility", InputLimits.ShortText, "Enter the organisation with lead responsibility");
        Text(errors, "AccountablePerson", input.AccountablePerson, "Named professional accountable", InputLimits.ShortText, "Enter the named professional accountable for the action");
        Text(errors, "SuccessIndicators", input.SuccessIndicators, "Success indicators", InputLimits.LongText, "Enter at least one success indicator: how you will know the action worked");
        var (by, byError) = input.SuccessIndicatorsBy.Parse();
        if (input.SuccessIndicatorsBy.IsEmpty)
        {
            // The seed's guidance: "Timescales MUST be identified" for the success indicators.
            errors.Add(new("SuccessIndicatorsBy", "Enter the success indicators timescale: when you will measure them"));
        }
        else if (byError is not null)
        {
            errors.Add(new("SuccessIndicatorsBy", $"Success indicators timescale {byError}"));
        }

        Text(errors, "ImpactAndEvidence", input.ImpactAndEvidence, "Impact and evidence", InputLimits.LongText, required: null);
        Rag? rag = null;
        if (!string.IsNullOrEmpty(input.Rag))
        {
            if (StrictEnum.TryParse<Rag>(input.Rag, out var parsed))
            {
                rag = parsed;
            }
            else
            {
                errors.Add(FieldError.NotOffered("Rag", "Select Red, Amber or Green for the RAG rating"));
            }
        }

        var (completed, completedError) = input.CompletedOn.Parse();
        if (completedError is not null)
        {
            errors.Add(new("CompletedOn", $"Completion date {completedError}"));
        }
        else if (completed > today)
        {
            errors.Add(new("CompletedOn", "Completion date must be today or in the past"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ActionValues(
            ReturnService.Normalise(input.SpecificAction)!, deadline!.Value, ReturnService.Normalise(input.LeadOrganisation)!,
            ReturnService.Normalise(input.AccountablePerson)!, ReturnService.Normalise(input.SuccessIndicators)!, by,
            ReturnService.Normalise(input.ImpactAndEvidence), rag, completed, input.SurveyQuestionId), []);
    }

    private static void Text(List<FieldError> errors, string key, string? value, string label, int limit, string? required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required is not null)
            {
                errors.Add(new(key, required));
            }
        }
        else if (value.Length > limit)
        {
            errors.Add(new(key, InputLimits.TooLong(label, limit)));
        }
    }
}

/// <summary>Numbers as the seed prints them: areas 1, 2, …; actions 1.1, 1.2, … in position order.</summary>
public static class PlanNumbering
{
    public static IReadOnlyList<(ImprovementArea Area, string Number, IReadOnlyList<(PlanAction Action, string Number)> Actions)> Number(IEnumerable<ImprovementArea> areas) =>
        [.. areas.OrderBy(a => a.Position).ThenBy(a => a.Id).Select((area, i) =>
        {
            var n = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            IReadOnlyList<(PlanAction, string)> actions =
                [.. area.Actions.OrderBy(x => x.Position).ThenBy(x => x.Id).Select((action, j) => (action, $"{n}.{j + 1}"))];
            return (area, n, actions);
        })];
}
