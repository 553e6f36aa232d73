using Section11.Core.Reporting;

namespace Section11.Core.Surveys;

/// <summary>A question the service offers to add: its wording, kind, mapped items and why it is offered.</summary>
public sealed record SuggestedQuestion(string Text, QuestionKind Kind, string ItemNumbers, string Why);

/// <summary>
/// A starting set of questions: one per priority item of the round (the items its submitted returns most often rate
/// below the standard), then a small bundled bank, matched to the round's standards by words in their titles.
/// </summary>
public static class SurveySuggestions
{
    public const int PriorityItems = 5;

    /// <summary>The bank: a word of a standard's title, and questions staff can answer about it whatever their role.</summary>
    private static readonly (string Word, string Text, QuestionKind Kind)[] Bank =
    [
        ("leadership", "I know who the senior lead for safeguarding children is in my agency", QuestionKind.YesNoNotSure),
        ("leadership", "Leaders in my agency make it clear that safeguarding children is everyone's responsibility", QuestionKind.Likert),
        ("polic", "I know where to find my agency's safeguarding policies and procedures", QuestionKind.YesNoNotSure),
        ("polic", "I know how to refer a concern about a child to children's social care", QuestionKind.Likert),
        ("recruit", "I had the safeguarding checks I expected (such as a DBS check) before I started working here", QuestionKind.YesNoNotSure),
        ("training", "My safeguarding training is up to date for my role", QuestionKind.YesNoNotSure),
        ("training", "I have regular supervision in which I can talk about safeguarding concerns", QuestionKind.Likert),
        ("whistle", "I know how to raise a concern about a colleague's behaviour towards children", QuestionKind.Likert),
        ("complaint", "I know how children and families can complain about our service", QuestionKind.YesNoNotSure),
        ("information", "I know when and how I can share information to keep a child safe", QuestionKind.Likert),
        ("voice", "I ask children for their views and they make a difference to what we do", QuestionKind.Likert),
        ("child", "I feel confident recognising the signs that a child may be at risk of harm", QuestionKind.Likert),
    ];

    /// <summary>The suggestions for a round's data, leaving out wording the survey already has.</summary>
    public static IReadOnlyList<SuggestedQuestion> For(RoundData data, IEnumerable<string> existing)
    {
        var have = existing.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var submitted = data.Returns.Where(r => r.IsSubmitted).ToList();
        var items = data.Standards.SelectMany(RoundData.ItemsOf).ToList();
        var priority = items
            .Select((item, order) => (item, order, Below: submitted.Count(r => data.Level(data.Answer(r.ReturnId, item.Id)?.Rating) is { Meets: false })))
            .Where(x => x.Below > 0).OrderByDescending(x => x.Below).ThenBy(x => x.order).Take(PriorityItems)
            .Select(x => new SuggestedQuestion(Shorten($"I know what my agency does about this, and my part in it: {x.item.Text}"), QuestionKind.Likert, x.item.Number,
                $"Item {x.item.Number}: {x.Below} of {submitted.Count} submitted {(submitted.Count == 1 ? "return rates" : "returns rate")} it below the standard"));
        var bank = data.Standards.SelectMany(s => Bank.Where(b => s.Title.Contains(b.Word, StringComparison.OrdinalIgnoreCase))
            .Select(b => new SuggestedQuestion(b.Text, b.Kind, "", $"Question bank, standard {s.Number}: {s.Title}")));
        return [.. priority.Concat(bank).Where(q => !have.Contains(q.Text)).DistinctBy(q => q.Text)];
    }

    private static string Shorten(string text) => text.Length <= InputLimits.SurveyQuestion ? text : text[..(InputLimits.SurveyQuestion - 1)] + "…";
}
