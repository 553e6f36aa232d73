using System.Globalization;
using Section11.Core.ActionPlans;
using Section11.Core.Auditing;
using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.Review.Panels;

/// <summary>
/// A challenge panel (issue #14): a meeting of the partnership's reviewers and administrators, in one round, at which
/// chosen agencies are seen and their moderated grades agreed. Scheduled once; each agency's outcome is its own row.
/// </summary>
public class ChallengePanel
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public required string Title { get; set; }
    public DateOnly HeldOn { get; set; }

    /// <summary>Where it meets, or "Online (Teams)": free text.</summary>
    public required string Place { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public List<PanelMember> Members { get; set; } = [];
    public List<PanelAgency> Agencies { get; set; } = [];

    /// <summary>A new panel from checked values (see <see cref="PanelRules.Check(PanelInput, DateOnly, IReadOnlySet{string}, IReadOnlySet{int})"/>).</summary>
    public static ChallengePanel Schedule(int roundId, PanelValues values, Actor actor) => new()
    {
        RoundId = roundId, Title = values.Title, HeldOn = values.HeldOn, Place = values.Place, CreatedAt = actor.At, CreatedById = actor.UserId,
        Members = [.. values.MemberIds.Select(id => new PanelMember { UserId = id })],
        Agencies = [.. values.ReceiptIds.Select(id => new PanelAgency { ReceiptId = id })],
    };

    /// <summary>The change-log rows of a scheduled panel, once the insert has given it its id.</summary>
    public IEnumerable<ChangeLogEntry> Scheduled(Actor actor)
    {
        yield return ChangeRecorder.Entry(actor, nameof(ChallengePanel), Id, nameof(Title), null, Title);
        yield return ChangeRecorder.Entry(actor, nameof(ChallengePanel), Id, nameof(HeldOn), null, HeldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return ChangeRecorder.Entry(actor, nameof(ChallengePanel), Id, nameof(Place), null, Place);
        foreach (var member in Members)
        {
            yield return ChangeRecorder.Entry(actor, nameof(ChallengePanel), Id, "Member", null, member.UserId);
        }

        foreach (var agency in Agencies)
        {
            yield return ChangeRecorder.Entry(actor, nameof(ChallengePanel), Id, "Receipt", null, agency.ReceiptId.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The source an outcome's actions carry into the agency's action plan.</summary>
    public static string Source(DateOnly heldOn, string partnershipName) =>
        $"Challenge panel {heldOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, {partnershipName}";
}

/// <summary>A person on the panel: a reviewer or administrator of the round's partnership.</summary>
public class PanelMember
{
    public int Id { get; set; }
    public int ChallengePanelId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>An agency to be seen by the panel: one receipt of the panel's round.</summary>
public class PanelAgency
{
    public int Id { get; set; }
    public int ChallengePanelId { get; set; }
    public int ReceiptId { get; set; }
}

/// <summary>
/// What the panel decided about one agency: the agreed grade on the moderation scale, the actions required (each an
/// improvement area in the agency's action plan), and whether it is escalated. Recording again changes this row.
/// </summary>
public class PanelOutcome
{
    public int Id { get; set; }
    public int ChallengePanelId { get; set; }
    public int ReceiptId { get; set; }

    /// <summary>A level key of the round's moderation scale (<see cref="ModerationRules.Scale"/>).</summary>
    public required string AgreedGrade { get; set; }

    public string? GradeNote { get; set; }
    public bool Escalated { get; set; }
    public string? EscalationNote { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public List<PanelOutcomeAction> Actions { get; set; } = [];

    /// <summary>The grades agreed per standard, each optional; <see cref="AgreedGrade"/> stays the overall grade.</summary>
    public List<PanelOutcomeGrade> Grades { get; set; } = [];

    /// <summary>The change-log field of a standard's agreed grade or note ("Standard 3 grade"), on the outcome's own id.</summary>
    public static string GradeField(int standardNumber, string what) => $"Standard {standardNumber} {what}";

    /// <summary>Applies checked values; each changed field adds a change-log row (a new outcome logs every field).</summary>
    public void Update(OutcomeValues values, Actor actor, List<ChangeLogEntry> log)
    {
        void Set(string field, string? old, string? value, Action apply)
        {
            if (old != value)
            {
                apply();
                log.Add(ChangeRecorder.Entry(actor, nameof(PanelOutcome), Id, field, old, value));
            }
        }

        var isNew = Id == 0;
        Set(nameof(AgreedGrade), isNew ? null : AgreedGrade, values.AgreedGrade, () => AgreedGrade = values.AgreedGrade);
        Set(nameof(GradeNote), GradeNote, values.GradeNote, () => GradeNote = values.GradeNote);
        Set(nameof(Escalated), isNew ? null : Yes(Escalated), Yes(values.Escalated), () => Escalated = values.Escalated);
        Set(nameof(EscalationNote), EscalationNote, values.EscalationNote, () => EscalationNote = values.EscalationNote);

        // A standard cleared on the form loses its row; its grade and note are logged as going to nothing.
        foreach (var row in Grades.Where(g => values.Grades.All(v => v.Number != g.StandardNumber)).ToList())
        {
            Set(GradeField(row.StandardNumber, "grade"), row.Grade, null, () => Grades.Remove(row));
            Set(GradeField(row.StandardNumber, "note"), row.Note, null, () => { });
        }

        foreach (var (number, grade, note) in values.Grades.OrderBy(v => v.Number))
        {
            var row = Grades.SingleOrDefault(g => g.StandardNumber == number);
            if (row is null)
            {
                row = new PanelOutcomeGrade { StandardNumber = number, Grade = grade };
                Grades.Add(row);
                log.Add(ChangeRecorder.Entry(actor, nameof(PanelOutcome), Id, GradeField(number, "grade"), null, grade));
            }
            else
            {
                Set(GradeField(number, "grade"), row.Grade, grade, () => row.Grade = grade);
            }

            Set(GradeField(number, "note"), row.Note, note, () => row.Note = note);
        }

        RecordedAt = actor.At;
        RecordedById = actor.UserId;
    }

    private static string Yes(bool value) => value ? "Yes" : "No";
}

/// <summary>
/// The grade a panel agreed for one standard of the return's framework, on the moderation scale, with an optional note.
/// The standard is its number in the round's framework (as review notes and the API name it), one row per standard.
/// </summary>
public class PanelOutcomeGrade
{
    public int Id { get; set; }
    public int PanelOutcomeId { get; set; }
    public int StandardNumber { get; set; }

    /// <summary>A level key of the round's moderation scale (<see cref="ModerationRules.Scale"/>).</summary>
    public required string Grade { get; set; }

    public string? Note { get; set; }
}

/// <summary>One action the panel requires of the agency, by a date; <see cref="ImprovementArea"/> is the area it became.</summary>
public class PanelOutcomeAction
{
    public int Id { get; set; }
    public int PanelOutcomeId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public DateOnly DueOn { get; set; }
    public int? ImprovementAreaId { get; set; }
    public ImprovementArea? ImprovementArea { get; set; }

    /// <summary>The improvement area's desired outcome: the action and its due date.</summary>
    public static string AreaOutcome(string text, DateOnly dueOn) => $"{text} (due by {dueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})";
}

/// <summary>A panel as the administrator typed it.</summary>
public sealed record PanelInput(string? Title, DateInput HeldOn, string? Place, IReadOnlyList<string> MemberIds, IReadOnlyList<int> ReceiptIds);

/// <summary>A panel checked and trimmed, ready to schedule.</summary>
public sealed record PanelValues(string Title, DateOnly HeldOn, string Place, IReadOnlyList<string> MemberIds, IReadOnlyList<int> ReceiptIds);

/// <summary>One action required as typed: a line of text and a due date.</summary>
public sealed record OutcomeActionInput(string? Text, DateInput DueOn);

/// <summary>One standard's agreed grade as typed: the standard's number (a hidden field), the level key (blank: not graded) and a note.</summary>
public sealed record OutcomeStandardInput(int Number, string? Grade, string? Note);

/// <summary>An outcome as typed; <see cref="Escalate"/> is "Yes" or "No"; <see cref="Standards"/> the per-standard grades (none: no standard graded).</summary>
public sealed record OutcomeInput(string? AgreedGrade, string? GradeNote, IReadOnlyList<OutcomeActionInput> Actions, string? Escalate, string? EscalationNote,
    IReadOnlyList<OutcomeStandardInput>? Standards = null);

/// <summary>An outcome checked and trimmed; blank action lines and standards not graded are left out.</summary>
public sealed record OutcomeValues(string AgreedGrade, string? GradeNote, IReadOnlyList<(string Text, DateOnly DueOn)> Actions, bool Escalated, string? EscalationNote,
    IReadOnlyList<(int Number, string Grade, string? Note)> Grades);
