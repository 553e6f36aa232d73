using System.Globalization;
using Section11.Core.Frameworks;

namespace Section11.Core.Returns;

/// <summary>What was entered (or is stored) for one item.</summary>
public sealed record AnswerValues(int ItemId, string? Rating, string? ActualEvidence, string? ActionRequired, DateInput Timescale, DateOnly? PreviousTimescale = null)
{
    public static AnswerValues From(Answer a) =>
        new(a.ItemId, a.Rating, a.ActualEvidence, a.ActionRequired, DateInput.From(a.Timescale), a.Timescale);
}

public sealed record EvaluationValues(string? Rating, string? Statement)
{
    public static EvaluationValues From(StandardEvaluation e) => new(e.Rating, e.Statement);
}

/// <summary>An error against one field of the standard form; the key names the field ("Answers[2].Timescale").</summary>
public sealed record FieldError(string Key, string Message)
{
    /// <summary>
    /// The form said something its page never offers (an id that is not the page's, a value outside the choices),
    /// so it was not made by our page: the page is drawn again with the error, answering 400 rather than 200.
    /// </summary>
    public bool Tampered { get; init; }

    public static FieldError NotOffered(string key, string message) => new(key, message) { Tampered = true };
}

/// <summary>The rules for one standard's answers and evaluation, shared by the standard page and submission.</summary>
public static class StandardRules
{
    public static string AnswerKey(int index, string field) => $"Answers[{index}].{field}";

    public const string EvaluationRatingKey = "Evaluation.Rating";
    public const string EvaluationStatementKey = "Evaluation.Statement";

    /// <summary>
    /// Checks a standard. <paramref name="complete"/> asks for everything submission needs (every item rated,
    /// the standard evaluated, actions below the threshold); without it only what is entered is checked, so work
    /// can be saved part-done. <paramref name="today"/>, when given, refuses a newly entered timescale in the past.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(
        FrameworkVersion version, Standard standard, IReadOnlyList<AnswerValues> answers, EvaluationValues evaluation, bool complete, DateOnly? today)
    {
        var settings = version.Definition;
        var errors = new List<FieldError>();
        var items = standard.Items.OrderBy(i => i.SortKey).ToList();
        for (var index = 0; index < answers.Count; index++)
        {
            var answer = answers[index];
            var item = items.Single(i => i.Id == answer.ItemId);
            var level = version.Levels.SingleOrDefault(l => l.Key == answer.Rating);

            if (complete && level is null)
            {
                errors.Add(new(AnswerKey(index, "Rating"), $"Select a rating for {item.Number}"));
            }

            CheckLength(errors, AnswerKey(index, "ActualEvidence"), answer.ActualEvidence, $"Actual evidence for {item.Number}");
            CheckLength(errors, AnswerKey(index, "ActionRequired"), answer.ActionRequired, $"Action required for {item.Number}");

            var (date, dateError) = answer.Timescale.Parse();
            if (dateError is not null)
            {
                errors.Add(new(AnswerKey(index, "Timescale"), $"Timescale for {item.Number} {dateError}"));
            }
            else if (date is { } d && today is { } t && d < t && d != answer.PreviousTimescale)
            {
                errors.Add(new(AnswerKey(index, "Timescale"), $"Timescale for {item.Number} must be today or in the future"));
            }

            var belowThreshold = level is { Meets: false } && settings.Answer.ActionBelowThreshold;
            if (complete && belowThreshold)
            {
                if (settings.Answer.ActionRequired && string.IsNullOrWhiteSpace(answer.ActionRequired))
                {
                    errors.Add(new(AnswerKey(index, "ActionRequired"),
                        $"Enter the action required for {item.Number}, because you rated it {level!.Label}"));
                }

                if (settings.Answer.Timescale && answer.Timescale.IsEmpty)
                {
                    errors.Add(new(AnswerKey(index, "Timescale"),
                        $"Enter a timescale for {item.Number}, because you rated it {level!.Label}"));
                }
            }
        }

        var number = standard.Number.ToString(CultureInfo.InvariantCulture);
        if (complete && version.Levels.All(l => l.Key != evaluation.Rating))
        {
            errors.Add(new(EvaluationRatingKey, $"Select how you have evaluated standard {number}"));
        }

        CheckLength(errors, EvaluationStatementKey, evaluation.Statement, $"Supporting statement for standard {number}");
        if (complete && settings.StandardEvaluation.StatementRequired && string.IsNullOrWhiteSpace(evaluation.Statement))
        {
            errors.Add(new(EvaluationStatementKey, $"Enter a supporting statement for standard {number}"));
        }

        return errors;
    }

    private static void CheckLength(List<FieldError> errors, string key, string? value, string name)
    {
        if (value is { Length: > InputLimits.LongText })
        {
            errors.Add(new(key, $"{InputLimits.TooLong(name, InputLimits.LongText)} (you have {value.Length:N0})"));
        }
    }
}
