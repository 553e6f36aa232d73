using Section11.Core.Auditing;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>
/// The agency's answer to one challenge or evidence request a partnership sent it: a row of its own, never a change to
/// the submitted return nor to the reviewer's note. A draft (<see cref="SentAt"/> null) is the agency's alone; once
/// sent with the rest of its answers the partnership reads it, and it no longer changes.
/// </summary>
public class ReviewAnswer
{
    public int Id { get; set; }

    /// <summary>The note answered: one answer per note (a unique index).</summary>
    public int NoteId { get; set; }

    public int ReceiptId { get; set; }
    public required string Text { get; set; }

    /// <summary>Who last wrote it, and when.</summary>
    public required string AuthorId { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When it went to the partnership; null while it is a draft only the agency sees.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>A survey result cited as evidence with the answer (docs/survey.md); null for none.</summary>
    public int? SurveyQuestionId { get; set; }

    /// <summary>Cites a survey result (one the service checked was offered), or none; a change adds a row to <paramref name="log"/>.</summary>
    public void Cite(int? surveyQuestionId, Actor actor, List<ChangeLogEntry> log)
    {
        if (surveyQuestionId == SurveyQuestionId)
        {
            return;
        }

        // A new answer has no id until it is inserted: its row is written then, with its text's.
        if (Id != 0)
        {
            log.Add(ChangeRecorder.Entry(actor, nameof(ReviewAnswer), Id, nameof(SurveyQuestionId), Show(SurveyQuestionId), Show(surveyQuestionId)));
        }

        (SurveyQuestionId, AuthorId, UpdatedAt) = (surveyQuestionId, actor.UserId, actor.At);
    }

    public static string? Show(int? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What the agency's lead typed as the answer to one note.</summary>
public sealed record AnswerInput(int NoteId, string? Text, int? SurveyQuestionId = null);

/// <summary>The rules of an answer, where the page and the service both find them.</summary>
public static class ReviewAnswerRules
{
    /// <summary>The answers are with the agency (and may be drafted and sent) only while the review awaits it.</summary>
    public static bool IsOpen(ReviewState state) => state == ReviewState.AwaitingAgency;

    /// <summary>
    /// The problems with the answers, keyed to their fields (<c>Answers[i].Text</c>, in the order given). A draft may be
    /// blank (it is then removed); an answer being sent may not. <paramref name="about"/> names each note ("the challenge
    /// on 1.1"), so that with several boxes on the page each error says which one it means.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(IReadOnlyList<AnswerInput> answers, bool sending, Func<int, string> about)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < answers.Count; i++)
        {
            var text = ReturnService.Normalise(answers[i].Text);
            if (string.IsNullOrWhiteSpace(text))
            {
                if (sending)
                {
                    errors.Add(new($"Answers[{i}].Text", $"Enter your answer to {about(answers[i].NoteId)}"));
                }
            }
            else if (text.Length > InputLimits.LongText)
            {
                errors.Add(new($"Answers[{i}].Text", InputLimits.TooLong($"The answer to {about(answers[i].NoteId)}", InputLimits.LongText)));
            }
        }

        return errors;
    }
}
