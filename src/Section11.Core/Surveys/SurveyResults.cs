using System.Text.Json;

namespace Section11.Core.Surveys;

/// <summary>How many chose one answer, and what share of those who answered the question that is (whole percent).</summary>
public sealed record ChoiceCount(string Choice, int Count, int Percent);

/// <summary>A question's answers among one group of staff (everyone, or the people of one role).</summary>
public sealed record AnswerCounts(string Group, int Answered, IReadOnlyList<ChoiceCount> Counts, int? AgreePercent)
{
    public int? AgreeCount => AgreePercent is null ? null : Counts.Where(c => SurveyResultRules.Agrees(c.Choice)).Sum(c => c.Count);
}

/// <summary>
/// One question's results: the distribution among everyone, by role where the groups are big enough, and the free text
/// an administrator has marked publishable (sorted, so their order says nothing about who wrote them).
/// </summary>
public sealed record QuestionResult(SurveyQuestion Question, AnswerCounts All, IReadOnlyList<AnswerCounts> ByRole, IReadOnlyList<string> PublishedText, int UnreadText);

/// <summary>
/// The results of a survey for one agency or the whole partnership. <see cref="Shown"/> is false when fewer people
/// answered than the survey's minimum group size: then no numbers are given at all.
/// </summary>
public sealed record SurveyResultSet(string Scope, int? AgencyId, int Responses, int MinimumGroupSize, bool AsksRole, IReadOnlyList<QuestionResult> Questions)
{
    public bool Shown => Responses >= MinimumGroupSize;
}

/// <summary>One response's answers, read from its JSON.</summary>
public sealed record ReadResponse(long Id, int AgencyId, IReadOnlyDictionary<string, string[]> Answers)
{
    public static ReadResponse From(long id, int agencyId, string json) =>
        new(id, agencyId, JsonSerializer.Deserialize<Dictionary<string, string[]>>(json) ?? []);

    public string? Role => Answers.TryGetValue(SurveyRules.RoleKey, out var r) && r.Length > 0 ? r[0] : null;

    public IReadOnlyList<string> Of(SurveyQuestion q) => Answers.TryGetValue(SurveyRules.Key(q.Id), out var v) ? v : [];
}

/// <summary>The arithmetic of survey results, in one place for the pages, the exports and triangulation.</summary>
public static class SurveyResultRules
{
    public const string OtherRoles = "Other roles";
    public const string Everyone = "All staff";

    /// <summary>The answers that count as agreeing: agree or strongly agree, and yes.</summary>
    public static bool Agrees(string choice) => choice is "Strongly agree" or "Agree" or "Yes";

    public static bool HasAgreeShare(QuestionKind kind) => kind is QuestionKind.Likert or QuestionKind.YesNoNotSure;

    /// <summary>A whole percent, halves rounded up (2 of 8 is 25, 1 of 8 is 13); none of none is 0.</summary>
    public static int Percent(int count, int of) => of == 0 ? 0 : (int)Math.Round(100m * count / of, MidpointRounding.AwayFromZero);

    /// <summary>A question's counts among <paramref name="responses"/>: each choice's count as a share of those who answered it.</summary>
    public static AnswerCounts Count(SurveyQuestion q, string group, IReadOnlyCollection<ReadResponse> responses)
    {
        var given = responses.Select(r => r.Of(q)).Where(a => a.Count > 0).ToList();
        var counts = q.ChoiceList.Select(c => (Choice: c, Count: given.Count(a => a.Contains(c)))).ToList();
        int? agree = HasAgreeShare(q.Kind) ? Percent(counts.Where(c => Agrees(c.Choice)).Sum(c => c.Count), given.Count) : null;
        return new(group, given.Count, [.. counts.Select(c => new ChoiceCount(c.Choice, c.Count, Percent(c.Count, given.Count)))], agree);
    }

    /// <summary>
    /// The role groups shown: each role with at least <paramref name="minimum"/> responses on its own, then the smaller
    /// ones merged into "Other roles" if together they reach the minimum; a group below it is never shown.
    /// </summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<ReadResponse> Responses)> RoleGroups(IReadOnlyCollection<ReadResponse> responses, int minimum)
    {
        var byRole = responses.Where(r => r.Role is not null).GroupBy(r => r.Role!).ToDictionary(g => g.Key, g => g.ToList());
        var groups = new List<(string, IReadOnlyList<ReadResponse>)>();
        var merged = new List<ReadResponse>();
        foreach (var role in SurveyRules.Roles)
        {
            if (!byRole.TryGetValue(role, out var of))
            {
                continue;
            }

            if (of.Count >= minimum)
            {
                groups.Add((role, of));
            }
            else
            {
                merged.AddRange(of);
            }
        }

        if (merged.Count >= minimum)
        {
            groups.Add((OtherRoles, merged));
        }

        return groups;
    }

    /// <summary>
    /// The results of <paramref name="responses"/> (all of one agency's, or all of the partnership's). Free text is
    /// <paramref name="publishable"/> answers only, by (response, question); <paramref name="decided"/> holds every
    /// answer read, so the rest are counted as unread.
    /// </summary>
    public static SurveyResultSet Results(Survey survey, string scope, int? agencyId, IReadOnlyList<ReadResponse> responses,
        IReadOnlySet<(long Response, int Question)> publishable, IReadOnlySet<(long Response, int Question)> decided)
    {
        var minimum = survey.MinimumGroupSize;
        var groups = survey.AsksRole ? RoleGroups(responses, minimum) : [];
        var questions = survey.Questions.OrderBy(q => q.Position).Select(q =>
        {
            if (q.Kind == QuestionKind.FreeText)
            {
                var written = responses.Where(r => r.Of(q).Count > 0).ToList();
                var shown = written.Where(r => publishable.Contains((r.Id, q.Id))).Select(r => r.Of(q)[0]).Order(StringComparer.Ordinal).ToList();
                var unread = written.Count(r => !decided.Contains((r.Id, q.Id)));
                return new QuestionResult(q, new AnswerCounts(Everyone, written.Count, [], null), [], shown, unread);
            }

            return new QuestionResult(q, Count(q, Everyone, responses), [.. groups.Select(g => Count(q, g.Group, [.. g.Responses]))], [], 0);
        }).ToList();
        return new(scope, agencyId, responses.Count, minimum, survey.AsksRole, questions);
    }
}
