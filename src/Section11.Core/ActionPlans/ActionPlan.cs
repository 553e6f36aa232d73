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
    public DateOnly? CompletedOn { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedById { get; set; }
    public int Version { get; set; }
    public List<MonitoringEntry> Monitoring { get; set; } = [];

    /// <summary>Past its deadline and not Green: shown as overdue wherever the action appears.</summary>
    public bool IsOverdue(DateOnly today) => Deadline < today && Rag != ActionPlans.Rag.Green;

    /// <summary>
    /// Sets the RAG rating. Green means completed with evidence recorded, so it is refused while impact and
    /// evidence are empty (the seed: "RAG rating cannot be green without evidence recorded here").
    /// </summary>
    public string? SetRag(Rag? rag, Actor actor)
    {
        if (rag == ActionPlans.Rag.Green && string.IsNullOrWhiteSpace(ImpactAndEvidence))
        {
            return "Record the impact and evidence before rating this action Green";
        }

        Rag = rag;
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
    string? SuccessIndicators, DateInput SuccessIndicatorsBy, string? ImpactAndEvidence, string? Rag, DateInput CompletedOn);

/// <summary>The SMART rules for an action, as the seed's action plan guidance states them.</summary>
public static class ActionRules
{
    public static IReadOnlyList<FieldError> Check(ActionInput input, DateOnly today, DateOnly? previousDeadline = null)
    {
        var errors = new List<FieldError>();
        Required(errors, "SpecificAction", input.SpecificAction, "Enter the specific action");
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

        Required(errors, "LeadOrganisation", input.LeadOrganisation, "Enter the organisation with lead responsibility");
        Required(errors, "AccountablePerson", input.AccountablePerson, "Enter the named professional accountable for the action");
        Required(errors, "SuccessIndicators", input.SuccessIndicators, "Enter at least one success indicator: how you will know the action worked");
        if (input.SuccessIndicatorsBy.Parse().Error is { } byError)
        {
            errors.Add(new("SuccessIndicatorsBy", $"Success indicator timescale {byError}"));
        }

        if (input.CompletedOn.Parse().Error is { } completedError)
        {
            errors.Add(new("CompletedOn", $"Completion date {completedError}"));
        }
        else if (input.CompletedOn.Parse().Date > today)
        {
            errors.Add(new("CompletedOn", "Completion date must be today or in the past"));
        }

        Length(errors, "ImpactAndEvidence", input.ImpactAndEvidence, "Impact and evidence");
        if (!string.IsNullOrEmpty(input.Rag) && !Enum.TryParse<Rag>(input.Rag, out _))
        {
            errors.Add(new("Rag", "Select Red, Amber or Green"));
        }
        else if (input.Rag == nameof(Rag.Green) && string.IsNullOrWhiteSpace(input.ImpactAndEvidence))
        {
            errors.Add(new("Rag", "Record the impact and evidence before rating this action Green"));
        }

        return errors;
    }

    private static void Required(List<FieldError> errors, string key, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(key, message));
        }
        else
        {
            Length(errors, key, value, message);
        }
    }

    private static void Length(List<FieldError> errors, string key, string? value, string name)
    {
        if (value is { Length: > Return.MaxTextLength })
        {
            errors.Add(new(key, $"{(name.StartsWith("Enter", StringComparison.Ordinal) ? key : name)} must be {Return.MaxTextLength:N0} characters or fewer"));
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
