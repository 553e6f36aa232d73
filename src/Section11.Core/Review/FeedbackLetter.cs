using System.Globalization;
using System.Text.Json;
using Section11.Core.Auditing;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>Where a feedback letter is: the partnership's draft, or sent to the agency (and then never changed). Stored by name.</summary>
public enum LetterStatus
{
    Draft,
    Sent,
}

/// <summary>
/// One grade the partnership moderated differently from the agency, with its reason: what the letter's "grades that
/// changed" table shows. Frozen into the letter (as JSON) when it is sent, so a later reopening of the review never
/// rewrites what the agency was told.
/// </summary>
public sealed record GradeChange(string What, string Text, string Self, string Moderated, string Direction, string? Reason);

/// <summary>What the administrator typed into the letter's editable parts.</summary>
public sealed record LetterInput(string? Opening, string? Strengths, string? RequiredActions, DateInput FollowUp);

/// <summary>
/// A partnership's feedback letter to the agency about its receipt of a return (one per receipt), drawn from the
/// moderation: the opening, the grades that changed and why, strengths, required actions and the follow-up date.
/// The administrator edits a draft; sending it freezes it, grades and all.
/// </summary>
public class FeedbackLetter
{
    public int Id { get; set; }

    /// <summary>The receipt the letter is about: one letter per receipt (a unique index).</summary>
    public int ReceiptId { get; set; }

    public required string Opening { get; set; }
    public string? Strengths { get; set; }
    public string? RequiredActions { get; set; }
    public DateOnly? FollowUpOn { get; set; }
    public LetterStatus Status { get; set; }

    /// <summary>The grades that changed, as JSON, set when the letter is sent; while a draft they are read from the moderation.</summary>
    public string? FrozenChanges { get; set; }

    public DateTime UpdatedAt { get; set; }
    public required string UpdatedById { get; set; }
    public DateTime? SentAt { get; set; }
    public string? SentById { get; set; }

    public bool IsSent => Status == LetterStatus.Sent;

    /// <summary>The grades that changed, as they were when the letter was sent (null for a draft).</summary>
    public IReadOnlyList<GradeChange>? Changes => FrozenChanges is null ? null : JsonSerializer.Deserialize<List<GradeChange>>(FrozenChanges);

    /// <summary>
    /// Takes what the administrator typed, once <see cref="FeedbackLetterRules.Check"/> has passed it, with a change-log
    /// row per field that changed. Refused (the reason returned) once the letter is sent.
    /// </summary>
    public string? Update(FeedbackLetterRules.Checked values, Actor actor, List<ChangeLogEntry> log)
    {
        if (IsSent)
        {
            return FeedbackLetterRules.SentRefusal;
        }

        Set(nameof(Opening), Opening.Length == 0 ? null : Opening, values.Opening, v => Opening = v!, actor, log);
        Set(nameof(Strengths), Strengths, values.Strengths, v => Strengths = v, actor, log);
        Set(nameof(RequiredActions), RequiredActions, values.RequiredActions, v => RequiredActions = v, actor, log);
        Set(nameof(FollowUpOn), Date(FollowUpOn), Date(values.FollowUpOn), _ => FollowUpOn = values.FollowUpOn, actor, log);
        (UpdatedAt, UpdatedById) = (actor.At, actor.UserId);
        return null;
    }

    /// <summary>
    /// Sends the letter: it needs a follow-up date today or later, freezes the grades that changed with it, and from
    /// then on nothing in it changes. Returns why not, or null when sent.
    /// </summary>
    public string? Send(IReadOnlyList<GradeChange> changes, Actor actor, DateOnly today, List<ChangeLogEntry> log)
    {
        if (IsSent)
        {
            return FeedbackLetterRules.SentRefusal;
        }

        if (FeedbackLetterRules.CheckFollowUp(FollowUpOn, today) is { } problem)
        {
            return problem;
        }

        FrozenChanges = JsonSerializer.Serialize(changes);
        log.Add(Entry(actor, nameof(Status), Status.ToString(), LetterStatus.Sent.ToString()));
        log.Add(Entry(actor, nameof(FrozenChanges), null, FrozenChanges));
        (Status, SentAt, SentById) = (LetterStatus.Sent, actor.At, actor.UserId);
        return null;
    }

    /// <summary>A change to the partnership's review, not to the return: no return id, as the rest of the review (docs/review.md).</summary>
    internal ChangeLogEntry Entry(Actor actor, string field, string? oldValue, string? newValue) =>
        ChangeRecorder.Entry(actor, nameof(FeedbackLetter), Id, field, oldValue, newValue);

    private void Set(string field, string? old, string? value, Action<string?> apply, Actor actor, List<ChangeLogEntry> log)
    {
        if (old == value)
        {
            return;
        }

        log.Add(Entry(actor, field, old, value));
        apply(value);
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The rules of a feedback letter, where the page and the service both find them.</summary>
public static class FeedbackLetterRules
{
    public const string SentRefusal = "The letter has been sent: it can no longer be changed.";

    public const string RaceRefusal = "Someone else saved or sent this letter at the same moment. Check the letter and try again.";

    /// <summary>What a letter will save once its input has passed the checks.</summary>
    public sealed record Checked(string Opening, string? Strengths, string? RequiredActions, DateOnly? FollowUpOn);

    /// <summary>A letter is drafted, changed and sent only once the review is finished.</summary>
    public static bool CanDraft(ReviewState state) => state == ReviewState.Moderated;

    public static string DraftRefusal => "Finish the review before writing its feedback letter: a letter is drawn from a moderated review.";

    /// <summary>
    /// The problems with what was typed, each keyed to its field (Opening, Strengths, RequiredActions, FollowUp), and
    /// what it would save. A draft may leave out the follow-up date; a letter being sent may not, nor date it in the past.
    /// </summary>
    public static (IReadOnlyList<FieldError> Errors, Checked Values) Check(LetterInput input, DateOnly today, bool sending)
    {
        var errors = new List<FieldError>();
        var opening = ReturnService.Normalise(input.Opening);
        if (string.IsNullOrWhiteSpace(opening))
        {
            errors.Add(new("Opening", "Enter the opening of the letter"));
        }

        Limit(errors, "Opening", "The opening", opening);
        var strengths = ReturnService.Normalise(input.Strengths);
        Limit(errors, "Strengths", "The strengths", strengths);
        var actions = ReturnService.Normalise(input.RequiredActions);
        Limit(errors, "RequiredActions", "The required actions", actions);

        var (date, error) = input.FollowUp.Parse();
        if (error is not null && !input.FollowUp.IsEmpty)
        {
            errors.Add(new("FollowUp", $"The follow-up date {error}"));
        }
        else if (sending && CheckFollowUp(date, today) is { } problem)
        {
            errors.Add(new("FollowUp", problem));
        }

        return (errors, new(opening ?? "", string.IsNullOrWhiteSpace(strengths) ? null : strengths, string.IsNullOrWhiteSpace(actions) ? null : actions, date));
    }

    /// <summary>Why the follow-up date will not do for sending, or null.</summary>
    public static string? CheckFollowUp(DateOnly? date, DateOnly today) => date switch
    {
        null => "Enter the date the partnership will follow up",
        { } d when d < today => "The follow-up date must be today or in the future",
        _ => null,
    };

    private static void Limit(List<FieldError> errors, string key, string label, string? text)
    {
        if (text is { Length: > InputLimits.LongText })
        {
            errors.Add(new(key, InputLimits.TooLong(label, InputLimits.LongText)));
        }
    }
}
