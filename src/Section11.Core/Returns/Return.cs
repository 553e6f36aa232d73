using Section11.Core.Auditing;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Rounds;

namespace Section11.Core.Returns;

public enum ReturnStatus
{
    Draft,
    Submitted,
    ReturnedForChanges,
    Closed,

    /// <summary>Complete and frozen, waiting for a senior signatory.</summary>
    AwaitingSignOff,
}

/// <summary>One agency's self-assessment against one framework version.</summary>
public class Return
{
    // Kept for existing callers; the limits live in InputLimits.
    public const int MaxTextLength = InputLimits.LongText;
    public const int MaxShortTextLength = InputLimits.ShortText;

    public int Id { get; set; }

    // A return points at a round today; "complete once, share to many" would move this to a join table.
    public int RoundId { get; set; }
    public Round Round { get; set; } = null!;
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public int FrameworkVersionId { get; set; }
    public FrameworkVersion FrameworkVersion { get; set; } = null!;

    public ReturnStatus Status { get; set; }

    /// <summary>
    /// The return's concurrency token: every state change and every answer save moves it on, and every state change
    /// writes only if it is still the value it read, so two requests racing on one return cannot both win.
    /// </summary>
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>An extension the partnership gave this agency; otherwise the round's date applies.</summary>
    public DateOnly? DueOnOverride { get; set; }

    /// <summary>When anyone last changed the return, for the round tracker.</summary>
    public DateTime? LastActivityAt { get; set; }

    /// <summary>Why the partnership sent the return back, shown to the agency until it is submitted again.</summary>
    public string? ReturnedReason { get; set; }

    public DateTime? ReturnedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedById { get; set; }
    public SignOff? SignOff { get; set; }

    public List<Answer> Answers { get; set; } = [];
    public List<StandardEvaluation> Evaluations { get; set; } = [];

    public bool IsEditable => Status.IsEditable();

    /// <summary>
    /// Starts a return with an empty answer for every item and an evaluation for every standard. The framework is
    /// the round's (with its local items), read-only: only its ids are used.
    /// </summary>
    public static Return Start(Round round, Agency agency, FrameworkVersion framework, DateTime now) => new()
    {
        Round = round,
        Agency = agency,
        FrameworkVersionId = framework.Id,
        Status = ReturnStatus.Draft,
        CreatedAt = now,
        Answers = [.. framework.Standards.SelectMany(s => s.Items).Select(i => new Answer { ItemId = i.Id })],
        Evaluations = [.. framework.Standards.Select(s => new StandardEvaluation { StandardId = s.Id })],
    };

    /// <summary>
    /// Everything that stands between this return and submission, standard by standard. Empty when it can be submitted.
    /// Needs the answers and evaluations loaded.
    /// </summary>
    public IReadOnlyList<StandardProblem> ProblemsBeforeSubmission(FrameworkVersion framework)
    {
        var problems = new List<StandardProblem>();
        foreach (var standard in framework.Standards.OrderBy(s => s.Number))
        {
            var evaluation = Evaluations.Single(e => e.StandardId == standard.Id);
            var answers = standard.Items.Select(i => Answers.Single(a => a.ItemId == i.Id)).ToList();
            var errors = StandardRules.Check(framework, standard, answers.Select(AnswerValues.From).ToList(),
                EvaluationValues.From(evaluation), complete: true, today: null);
            problems.AddRange(errors.Select(e => new StandardProblem(standard.Number, e.Message)));
        }

        return problems;
    }

    /// <summary>
    /// Submits the return with its sign-off. Refuses (and changes nothing) while anything is incomplete or the
    /// return is not open for changes.
    /// </summary>
    public IReadOnlyList<string> Submit(FrameworkVersion framework, SignOff signOff, Actor actor, List<ChangeLogEntry> log)
    {
        if (!IsEditable && Status != ReturnStatus.AwaitingSignOff)
        {
            return ["This return has already been submitted and cannot be changed."];
        }

        var problems = ProblemsBeforeSubmission(framework);
        if (problems.Count > 0)
        {
            return [.. problems.Select(p => $"Standard {p.StandardNumber}: {p.Message}")];
        }

        var old = Status;
        SignOff = signOff;
        Status = ReturnStatus.Submitted;
        Version++;
        SubmittedAt = actor.At;
        SubmittedById = actor.UserId;
        LastActivityAt = actor.At;
        ReturnedReason = null;
        log.Add(Change(actor, "Return", Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Status", old.ToString(), Status.ToString()));
        log.Add(Change(actor, "Return", Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "SignOff",
            null, $"{signOff.SignatoryName}, {signOff.PostHeld}, {signOff.Organisation}, {signOff.SignedOn:yyyy-MM-dd}"));
        return [];
    }

    /// <summary>The lead has finished: freeze the answers for a senior signatory to sign off.</summary>
    public IReadOnlyList<string> SendForSignOff(FrameworkVersion framework, Actor actor, List<ChangeLogEntry> log)
    {
        if (!IsEditable)
        {
            return ["This return is not open for changes."];
        }

        var problems = ProblemsBeforeSubmission(framework);
        if (problems.Count > 0)
        {
            return [.. problems.Select(p => $"Standard {p.StandardNumber}: {p.Message}")];
        }

        SetStatus(ReturnStatus.AwaitingSignOff, actor, log);
        return [];
    }

    /// <summary>The lead takes a return back from sign-off to change it.</summary>
    public IReadOnlyList<string> Withdraw(Actor actor, List<ChangeLogEntry> log)
    {
        if (Status != ReturnStatus.AwaitingSignOff)
        {
            return ["Only a return waiting for sign-off can be taken back."];
        }

        SetStatus(ReturnedReason is null ? ReturnStatus.Draft : ReturnStatus.ReturnedForChanges, actor, log);
        return [];
    }

    /// <summary>The partnership sends a submitted return back to the agency, saying why.</summary>
    public IReadOnlyList<string> ReturnForChanges(string reason, Actor actor, List<ChangeLogEntry> log)
    {
        if (Status != ReturnStatus.Submitted)
        {
            return ["Only a submitted return can be returned for changes."];
        }

        log.Add(Change(actor, "Return", Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "ReturnedReason", ReturnedReason, reason));
        ReturnedReason = reason;
        ReturnedAt = actor.At;
        SetStatus(ReturnStatus.ReturnedForChanges, actor, log);
        return [];
    }

    /// <summary>The partnership gives this agency more time.</summary>
    public void ExtendTo(DateOnly dueOn, DateOnly roundDueOn, Actor actor, List<ChangeLogEntry> log)
    {
        var old = DueOnOverride ?? roundDueOn;
        log.Add(Change(actor, "Return", Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "DueOn",
            old.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), dueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        DueOnOverride = dueOn;
    }

    private void SetStatus(ReturnStatus status, Actor actor, List<ChangeLogEntry> log)
    {
        log.Add(Change(actor, "Return", Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Status", Status.ToString(), status.ToString()));
        Status = status;
        Version++;
        LastActivityAt = actor.At;
    }

    internal ChangeLogEntry Change(Actor actor, string entityType, string entityId, string field, string? oldValue, string? newValue) => new()
    {
        At = actor.At,
        UserId = actor.UserId,
        ReturnId = Id,
        EntityType = entityType,
        EntityId = entityId,
        Field = field,
        OldValue = oldValue,
        NewValue = newValue,
    };
}

public sealed record StandardProblem(int StandardNumber, string Message);

/// <summary>The senior signatory's declaration.</summary>
public class SignOff
{
    public required string SignatoryName { get; set; }
    public required string PostHeld { get; set; }
    public required string Organisation { get; set; }
    public DateOnly SignedOn { get; set; }
    public bool DeclarationAccepted { get; set; }
}

/// <summary>The return's entry for one item.</summary>
public class Answer
{
    public int Id { get; set; }
    public int ReturnId { get; set; }
    public int ItemId { get; set; }
    public Item Item { get; set; } = null!;
    public string? Rating { get; set; }
    public string? ActualEvidence { get; set; }
    public string? ActionRequired { get; set; }
    public DateOnly? Timescale { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    public bool IsBlank => Rating is null && ActualEvidence is null && ActionRequired is null && Timescale is null;
}

/// <summary>
/// The return's evaluation of one standard. Its <see cref="Version"/> also guards the whole standard page:
/// every save of the standard bumps it, so two people saving the same standard cannot overwrite each other silently.
/// </summary>
public class StandardEvaluation
{
    public int Id { get; set; }
    public int ReturnId { get; set; }
    public int StandardId { get; set; }
    public Standard Standard { get; set; } = null!;
    public string? Rating { get; set; }
    public string? Statement { get; set; }
    public int Version { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    public bool IsBlank => Rating is null && Statement is null;
}

public static class ReturnStatusExtensions
{
    public static bool IsEditable(this ReturnStatus status) => status is ReturnStatus.Draft or ReturnStatus.ReturnedForChanges;

    /// <summary>Signed off and delivered: what counts in figures, reports and action plans.</summary>
    public static bool CountsAsSubmitted(this ReturnStatus status) => status is ReturnStatus.Submitted or ReturnStatus.Closed;

    public static string Label(this ReturnStatus status) => status switch
    {
        ReturnStatus.Draft => "Draft",
        ReturnStatus.Submitted => "Submitted",
        ReturnStatus.ReturnedForChanges => "Returned for changes",
        ReturnStatus.Closed => "Closed",
        ReturnStatus.AwaitingSignOff => "Awaiting sign-off",
        _ => status.ToString(),
    };
}
