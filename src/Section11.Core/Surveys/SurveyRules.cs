using Section11.Core.Returns;

namespace Section11.Core.Surveys;

/// <summary>What the administrator typed for a new question.</summary>
public sealed record QuestionInput(QuestionKind? Kind, string? Text, string? Choices, string? ItemNumbers);

/// <summary>What the administrator typed for the survey's introduction, dates and "about you" questions.</summary>
/// The three settings of results and triangulation are typed numbers; null keeps the survey's current value.
public sealed record SurveyDetailsInput(string? Introduction, DateInput OpensOn, DateInput ClosesOn, bool AsksRole, bool AsksLengthOfService,
    string? MinimumGroupSize = null, string? MeetsButFewAgreePercent = null, string? NotMetButAgreePercent = null);

/// <summary>The rules of a survey's design and of an answer to it, in one place for the service and the pages.</summary>
public static class SurveyRules
{
    public const int MaxQuestions = 40;
    public const int MaxChoices = 12;
    public const string RoleKey = "role";
    public const string ServiceKey = "service";
    public const int DefaultMinimumGroupSize = 5;
    public const int DefaultMeetsButFewAgreePercent = 75;
    public const int DefaultNotMetButAgreePercent = 90;

    /// <summary>Below 3 a group's answers are one or two people's; above 50 no agency's role groups would show.</summary>
    public const int SmallestGroupSize = 3, LargestGroupSize = 50;

    public static readonly IReadOnlyList<string> Likert = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"];
    public static readonly IReadOnlyList<string> YesNoNotSure = ["Yes", "No", "Not sure"];

    /// <summary>Fixed, broad choices: never a job title or team small enough to point at one person.</summary>
    public static readonly IReadOnlyList<string> Roles =
        ["Working directly with children or families", "Manager or supervisor", "Senior leader", "Support or administrative staff", "Other", "Prefer not to say"];

    public static readonly IReadOnlyList<string> LengthsOfService = ["Less than 1 year", "1 to 5 years", "More than 5 years", "Prefer not to say"];

    public static string Label(this QuestionKind kind) => kind switch
    {
        QuestionKind.Likert => "Agree or disagree (five points)",
        QuestionKind.YesNoNotSure => "Yes, no or not sure",
        QuestionKind.ChooseOne => "Choose one",
        QuestionKind.ChooseSeveral => "Choose several",
        _ => "Short free text",
    };

    public static bool HasOwnChoices(QuestionKind kind) => kind is QuestionKind.ChooseOne or QuestionKind.ChooseSeveral;

    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>The choices a question of this kind offers: fixed, the typed ones, or none (free text).</summary>
    public static IReadOnlyList<string> ChoicesOf(QuestionKind kind, string? typed) => kind switch
    {
        QuestionKind.Likert => Likert,
        QuestionKind.YesNoNotSure => YesNoNotSure,
        QuestionKind.ChooseOne or QuestionKind.ChooseSeveral => Lines(typed),
        _ => [],
    };

    /// <summary>Item numbers as typed ("1.2, 3.1" or one a line), in order, without repeats.</summary>
    public static IReadOnlyList<string> ItemNumbers(string? typed) =>
        [.. (typed ?? "").Split([',', ';', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>Why the question cannot be added, field by field; <paramref name="roundItems"/> are the round framework's item numbers.</summary>
    public static IReadOnlyList<FieldError> Check(QuestionInput input, IReadOnlySet<string> roundItems, int questionsSoFar)
    {
        var errors = new List<FieldError>();
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new("Text", "Enter the question"));
        }
        else if (text.Length > InputLimits.SurveyQuestion)
        {
            errors.Add(new("Text", InputLimits.TooLong("The question", InputLimits.SurveyQuestion)));
        }

        if (input.Kind is null)
        {
            errors.Add(new("Kind", "Select the kind of question"));
        }

        if (input.Kind is { } kind && HasOwnChoices(kind))
        {
            var choices = Lines(input.Choices);
            if (choices.Count < 2)
            {
                errors.Add(new("Choices", "Enter at least 2 choices, one on each line"));
            }
            else if (choices.Count > MaxChoices)
            {
                errors.Add(new("Choices", $"Enter {MaxChoices} choices or fewer"));
            }
            else if (choices.Any(c => c.Length > InputLimits.ShortText))
            {
                errors.Add(new("Choices", InputLimits.TooLong("Each choice", InputLimits.ShortText)));
            }
        }

        var unknown = ItemNumbers(input.ItemNumbers).Where(n => !roundItems.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new("ItemNumbers", $"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not an item" : "are not items")} of this round's framework: enter item numbers such as 1.2"));
        }

        if (questionsSoFar >= MaxQuestions && errors.Count == 0)
        {
            errors.Add(new("Kind", $"A survey can have up to {MaxQuestions} questions: remove one first"));
        }

        return errors;
    }

    /// <summary>The survey's introduction and dates, or why not.</summary>
    public static IReadOnlyList<FieldError> Check(SurveyDetailsInput input, out DateOnly opensOn, out DateOnly closesOn)
    {
        var errors = new List<FieldError>();
        var intro = input.Introduction?.Trim();
        if (string.IsNullOrEmpty(intro))
        {
            errors.Add(new("Introduction", "Enter an introduction that tells staff what the survey is for"));
        }
        else if (intro.Length > InputLimits.LongText)
        {
            errors.Add(new("Introduction", InputLimits.TooLong("The introduction", InputLimits.LongText)));
        }

        (opensOn, closesOn) = (default, default);
        var (opens, opensError) = input.OpensOn.Parse();
        var (closes, closesError) = input.ClosesOn.Parse();
        if (opens is null)
        {
            errors.Add(new("OpensOn", opensError is null ? "Enter the date the survey opens" : $"The date the survey opens {opensError}"));
        }

        if (closes is null)
        {
            errors.Add(new("ClosesOn", closesError is null ? "Enter the date the survey closes" : $"The date the survey closes {closesError}"));
        }
        else if (opens is { } o && closes < o)
        {
            errors.Add(new("ClosesOn", "The date the survey closes must be the same as or after the date it opens"));
        }

        (opensOn, closesOn) = (opens ?? default, closes ?? default);
        return errors;
    }

    /// <summary>A whole number typed for a setting, within its range; null when left out (the survey keeps its value).</summary>
    public static int? Setting(string? typed, string field, string what, int min, int max, List<FieldError> errors)
    {
        if (typed is null)
        {
            return null;
        }

        var text = typed.Trim().TrimEnd('%').Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(new(field, $"{what} must be a whole number from {min} to {max}"));
            return null;
        }

        return value;
    }

    /// <summary>The results and triangulation settings as typed (null: unchanged), or why not.</summary>
    public static (int? GroupSize, int? FewAgree, int? MostAgree) CheckSettings(SurveyDetailsInput input, List<FieldError> errors) => (
        Setting(input.MinimumGroupSize, "MinimumGroupSize", "The smallest group shown", SmallestGroupSize, LargestGroupSize, errors),
        Setting(input.MeetsButFewAgreePercent, "MeetsButFewAgreePercent", "The share of staff agreeing below which a met item is flagged", 1, 100, errors),
        Setting(input.NotMetButAgreePercent, "NotMetButAgreePercent", "The share of staff agreeing from which an unmet item is flagged", 1, 100, errors));

    /// <summary>
    /// Reads a response: every question but free text needs an answer, each from its choices (anything else is a
    /// forged form), free text within its limit. Keys are question ids, and "role" and "service" when asked.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckAnswers(Survey survey, IReadOnlyDictionary<string, IReadOnlyList<string>> given, out Dictionary<string, string[]> answers)
    {
        var errors = new List<FieldError>();
        answers = [];
        foreach (var q in survey.Questions.OrderBy(q => q.Position))
        {
            var key = Key(q.Id);
            var values = given.TryGetValue(key, out var v) ? v.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).ToArray() : [];
            if (q.Kind == QuestionKind.FreeText)
            {
                if (values.Length > 0 && values[0].Length > InputLimits.SurveyAnswer)
                {
                    errors.Add(new(key, InputLimits.TooLong($"Your answer to question {q.Position}", InputLimits.SurveyAnswer)));
                }
                else if (values.Length > 0)
                {
                    answers[key] = [values[0]];
                }

                continue;
            }

            Choose(key, values, q.ChoiceList, q.Kind == QuestionKind.ChooseSeveral, $"question {q.Position}", errors, answers);
        }

        if (survey.AsksRole)
        {
            Choose(RoleKey, given.TryGetValue(RoleKey, out var r) ? [.. r] : [], Roles, false, "your role", errors, answers);
        }

        if (survey.AsksLengthOfService)
        {
            Choose(ServiceKey, given.TryGetValue(ServiceKey, out var s) ? [.. s] : [], LengthsOfService, false, "how long you have worked here", errors, answers);
        }

        return errors;
    }

    public static string Key(int questionId) => $"q{questionId}";

    private static void Choose(string key, string[] values, IReadOnlyList<string> choices, bool several, string what, List<FieldError> errors, Dictionary<string, string[]> answers)
    {
        if (values.Length == 0)
        {
            errors.Add(new(key, several ? $"Select at least one answer to {what}" : $"Select an answer to {what}"));
        }
        else if (values.Any(x => !choices.Contains(x)) || (!several && values.Length > 1))
        {
            errors.Add(FieldError.NotOffered(key, $"Select an answer to {what} from the choices shown"));
        }
        else
        {
            answers[key] = [.. values.Distinct()];
        }
    }
}
