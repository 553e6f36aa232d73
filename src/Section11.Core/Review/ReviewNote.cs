using System.Globalization;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>What a reviewer's note on an item asks of the agency. Stored by name.</summary>
public enum NoteKind
{
    /// <summary>The reviewer questions the agency's answer: the agency must answer.</summary>
    Challenge,

    /// <summary>An observation for the agency: sent with the rest, no answer needed.</summary>
    Comment,

    /// <summary>The reviewer wants evidence by a date: the agency must answer.</summary>
    EvidenceRequest,
}

/// <summary>
/// A reviewer's challenge, comment or evidence request on one item of the return a partnership received: its own row
/// on the receipt, never a change to the agency's answers. The agency sees it only once it is sent
/// (<see cref="SentAt"/>, set when the review goes to the agency).
/// </summary>
public class ReviewNote
{
    public int Id { get; set; }
    public int ReceiptId { get; set; }
    public int StandardId { get; set; }
    public int ItemId { get; set; }
    public NoteKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>The date the evidence is wanted by: evidence requests only.</summary>
    public DateOnly? WantedBy { get; set; }

    public required string AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the note went to the agency; null while only the partnership can see it.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>
    /// When a node claimed the evidence-due reminder (evidence requests only): set by a conditional UPDATE only one node
    /// wins, so the reminder goes once (<see cref="EvidenceReminderService"/>).
    /// </summary>
    public DateTime? DueReminderAt { get; set; }

    /// <summary>Whether the agency must answer it.</summary>
    public bool NeedsAnswer => ReviewNoteRules.NeedsAnswer(Kind);
}

/// <summary>A note as a reviewer typed it: the item, the kind (by name), the text and the wanted-by date.</summary>
public sealed record NoteInput(int ItemId, string? Kind, string? Text, DateInput WantedBy);

/// <summary>The rules of a review note, where the page and the service both find them.</summary>
public static class ReviewNoteRules
{
    public static bool NeedsAnswer(NoteKind kind) => kind is NoteKind.Challenge or NoteKind.EvidenceRequest;

    public static string Label(this NoteKind kind) => kind switch
    {
        NoteKind.Challenge => "Challenge",
        NoteKind.Comment => "Comment",
        _ => "Evidence request",
    };

    /// <summary>
    /// The problems with a note, each keyed to its field (Kind, Text, WantedBy), and what it would save. The wanted-by
    /// date is read only for an evidence request, and must not be in the past.
    /// </summary>
    public static (IReadOnlyList<FieldError> Errors, NoteKind Kind, string Text, DateOnly? WantedBy) Check(NoteInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        var isKind = Enum.TryParse<NoteKind>(input.Kind, out var kind) && Enum.IsDefined(kind) && !int.TryParse(input.Kind, out _);
        if (!isKind)
        {
            errors.Add(new("Kind", "Select whether this is a challenge, a comment or an evidence request"));
        }

        var text = ReturnService.Normalise(input.Text);
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("Text", "Enter the challenge, comment or evidence request"));
        }
        else if (text.Length > InputLimits.LongText)
        {
            errors.Add(new("Text", InputLimits.TooLong("The note", InputLimits.LongText)));
        }

        DateOnly? wantedBy = null;
        if (isKind && kind == NoteKind.EvidenceRequest)
        {
            var (date, error) = input.WantedBy.Parse();
            if (input.WantedBy.IsEmpty)
            {
                errors.Add(new("WantedBy", "Enter the date the evidence is wanted by"));
            }
            else if (error is not null)
            {
                errors.Add(new("WantedBy", $"The date the evidence is wanted by {error}"));
            }
            else if (date < today)
            {
                errors.Add(new("WantedBy", $"The date the evidence is wanted by must be today or in the future"));
            }

            wantedBy = date;
        }

        return (errors, kind, text ?? "", wantedBy);
    }

    /// <summary>"3 challenges, 1 evidence request due 12 March 2027": what the agency is asked, for task lists and emails.</summary>
    public static string Summary(IEnumerable<(NoteKind Kind, DateOnly? WantedBy)> open)
    {
        var list = open.ToList();
        var parts = new List<string>();
        var challenges = list.Count(n => n.Kind == NoteKind.Challenge);
        if (challenges > 0)
        {
            parts.Add(challenges == 1 ? "1 challenge" : $"{challenges} challenges");
        }

        var requests = list.Where(n => n.Kind == NoteKind.EvidenceRequest).ToList();
        if (requests.Count > 0)
        {
            var due = requests.Min(n => n.WantedBy)?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            parts.Add(requests.Count == 1 ? $"1 evidence request due {due}" : $"{requests.Count} evidence requests, the first due {due}");
        }

        return string.Join(", ", parts);
    }
}
