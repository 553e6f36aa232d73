using Section11.Core.Auditing;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Rounds;

namespace Section11.Core.Returns;

public enum ReturnStatus
{
    Draft,
    Submitted,

    /// <summary>Open for changes again after it was submitted, because a partnership asked or the agency chose to.</summary>
    ReturnedForChanges,

    /// <summary>Complete and frozen, waiting for a senior signatory.</summary>
    AwaitingSignOff,
}

/// <summary>
/// One agency's self-assessment against one framework version: its answers, evaluations and sign-off. Every partnership
/// that receives it (a <see cref="Receipt"/> per round) sees the same return; what a partnership does is on its receipt.
/// </summary>
public class Return
{
    // Kept for existing callers; the limits live in InputLimits.
    public const int MaxTextLength = InputLimits.LongText;
    public const int MaxShortTextLength = InputLimits.ShortText;

    public int Id { get; set; }

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

    /// <summary>When anyone last changed the return, for the round tracker.</summary>
    public DateTime? LastActivityAt { get; set; }

    /// <summary>How many times it has been submitted: above 1, every receiving partnership sees it as revised after submission.</summary>
    public int Revision { get; set; }

    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedById { get; set; }
    public SignOff? SignOff { get; set; }

    public List<Answer> Answers { get; set; } = [];
    public List<StandardEvaluation> Evaluations { get; set; } = [];

    /// <summary>The partnerships' rounds this return goes to.</summary>
    public List<Receipt> Receipts { get; set; } = [];

    public bool IsEditable => Allows(ReturnAction.Edit);

    /// <summary>Every round it goes to is closed: nothing can be done to it (needs the receipts and their rounds loaded).</summary>
    public bool IsLocked => ReturnLifecycle.IsLocked(Receipts.Select(x => x.Round.IsClosed));

    private bool Allows(ReturnAction action) => ReturnLifecycle.Allows(Status, action, IsLocked);

    private string Refusal(ReturnAction action) => ReturnLifecycle.Refusal(Status, action, IsLocked);

    public bool IsRevised => Revision > 1;

    /// <summary>
    /// Starts a return with an empty answer for every item and an evaluation for every standard, delivered to the
    /// round's receipt. The framework is the round's (with its local section), read-only: only its ids are used.
    /// </summary>
    public static Return Start(Receipt receipt, FrameworkVersion framework, DateTime now)
    {
        var started = new Return
        {
            AgencyId = receipt.AgencyId,
            Agency = receipt.Agency,
            FrameworkVersionId = framework.Id,
            Status = ReturnStatus.Draft,
            CreatedAt = now,
        };
        started.AddSections(framework);
        receipt.Return = started;
        started.Receipts.Add(receipt);
        return started;
    }

    /// <summary>
    /// Adds blank answers and evaluations for the standards of <paramref name="framework"/> the return does not have
    /// yet (a local section of a partnership it is now shared with). Needs the answers and evaluations loaded.
    /// Returns whether anything was added.
    /// </summary>
    public bool AddSections(FrameworkVersion framework)
    {
        var newStandards = framework.Standards.Where(s => Evaluations.All(e => e.StandardId != s.Id)).ToList();
        Evaluations.AddRange(newStandards.Select(s => new StandardEvaluation { StandardId = s.Id }));
        Answers.AddRange(newStandards.SelectMany(s => s.Items).Select(i => new Answer { ItemId = i.Id }));
        return newStandards.Count > 0;
    }

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
    /// Submits the return with its sign-off, to every partnership it goes to at once. Refuses (and changes nothing)
    /// while anything is incomplete or the lifecycle does not allow it. Needs the receipts loaded.
    /// </summary>
    public IReadOnlyList<string> Submit(FrameworkVersion framework, SignOff signOff, Actor actor, List<ChangeLogEntry> log)
    {
        if (!Allows(ReturnAction.SignOff))
        {
            return [Refusal(ReturnAction.SignOff)];
        }

        var problems = ProblemsBeforeSubmission(framework);
        if (problems.Count > 0)
        {
            return [.. problems.Select(p => $"Standard {p.StandardNumber}: {p.Message}")];
        }

        SignOff = signOff;
        Revision++;
        SubmittedAt = actor.At;
        SubmittedById = actor.UserId;
        log.Add(Change(actor, "Return", Key, "Revision", Invariant(Revision - 1), Invariant(Revision)));
        log.Add(Change(actor, "Return", Key, "SignOff",
            null, $"{signOff.SignatoryName}, {signOff.PostHeld}, {signOff.Organisation}, {signOff.SignedOn:yyyy-MM-dd}"));
        foreach (var receipt in Receipts)
        {
            receipt.ChangesMade(actor, log);
        }

        SetStatus(ReturnStatus.Submitted, actor, log);
        return [];
    }

    /// <summary>The lead has finished: freeze the answers for a senior signatory to sign off.</summary>
    public IReadOnlyList<string> SendForSignOff(FrameworkVersion framework, Actor actor, List<ChangeLogEntry> log)
    {
        if (!Allows(ReturnAction.SendForSignOff))
        {
            return [Refusal(ReturnAction.SendForSignOff)];
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
        if (!Allows(ReturnAction.Withdraw))
        {
            return [Refusal(ReturnAction.Withdraw)];
        }

        SetStatus(Revision > 0 ? ReturnStatus.ReturnedForChanges : ReturnStatus.Draft, actor, log);
        return [];
    }

    /// <summary>
    /// A partnership sends the submitted return back, saying why on its own receipt. The agency's revised, re-signed
    /// return is then what every receiving partnership sees.
    /// </summary>
    public IReadOnlyList<string> ReturnForChanges(Receipt receipt, string reason, Actor actor, List<ChangeLogEntry> log)
    {
        // On one receipt: its own round being closed stops it, whatever other rounds the return goes to.
        if (!ReturnLifecycle.Allows(Status, ReturnAction.ReturnForChanges, receipt.Round.IsClosed))
        {
            return [ReturnLifecycle.Refusal(Status, ReturnAction.ReturnForChanges, receipt.Round.IsClosed)];
        }

        receipt.AskForChanges(reason, actor, log);
        SetStatus(ReturnStatus.ReturnedForChanges, actor, log);
        return [];
    }

    /// <summary>
    /// Shares this return with another partnership's round. A local section of that round the return lacks is added
    /// blank, which reopens a submitted return: it must be answered and signed off again.
    /// </summary>
    public IReadOnlyList<string> ShareWith(Receipt receipt, FrameworkVersion roundFramework, Actor actor, List<ChangeLogEntry> log)
    {
        if (roundFramework.Id != FrameworkVersionId)
        {
            return ["This return is on a different framework from the one the partnership asked for."];
        }

        receipt.Return = this;
        Receipts.Add(receipt);
        log.Add(Change(actor, "Receipt", receipt.Id, "ReturnId", null, Key));
        if (AddSections(roundFramework) && !IsEditable)
        {
            SetStatus(ReturnStatus.ReturnedForChanges, actor, log);
        }

        Version++;
        LastActivityAt = actor.At;
        return [];
    }

    private void SetStatus(ReturnStatus status, Actor actor, List<ChangeLogEntry> log)
    {
        log.Add(Change(actor, "Return", Key, "Status", Status.ToString(), status.ToString()));
        Status = status;
        Version++;
        LastActivityAt = actor.At;
    }

    private string Key => Invariant(Id);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A change-log row that belongs to this return's history.</summary>
    internal ChangeLogEntry Change(Actor actor, string entityType, object entityId, string field, string? oldValue, string? newValue) =>
        ChangeRecorder.Entry(actor, entityType, entityId, field, oldValue, newValue, Id);
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
    public static bool IsEditable(this ReturnStatus status) => ReturnLifecycle.Allows(status, ReturnAction.Edit);

    /// <summary>Frozen for a senior signatory: only signing off or taking it back are open.</summary>
    public static bool WaitsForSignOff(this ReturnStatus status) =>
        !status.IsEditable() && ReturnLifecycle.Allows(status, ReturnAction.SignOff);

    /// <summary>Signed off and delivered: what counts in figures, reports and action plans.</summary>
    public static bool CountsAsSubmitted(this ReturnStatus status) => status == ReturnLifecycle.CountingStatus;

    public static string Label(this ReturnStatus status) => status switch
    {
        ReturnStatus.Draft => "Draft",
        ReturnStatus.Submitted => "Submitted",
        ReturnStatus.ReturnedForChanges => "Returned for changes",
        ReturnStatus.AwaitingSignOff => "Awaiting sign-off",
        _ => status.ToString(),
    };
}
