namespace Section11.Core.Surveys;

/// <summary>The kinds of question an all-staff survey asks (docs/survey.md).</summary>
public enum QuestionKind
{
    /// <summary>Agree or disagree on five points.</summary>
    Likert,
    YesNoNotSure,
    ChooseOne,
    ChooseSeveral,
    FreeText,
}

/// <summary>
/// A round's all-staff survey, designed by the partnership administrator: an introduction, the dates it takes answers,
/// its questions, and whether it asks about the person's role and length of service (fixed choices, never a name).
/// </summary>
public class Survey
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public required string Introduction { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    public bool AsksRole { get; set; }
    public bool AsksLengthOfService { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }

    /// <summary>Set once, when the links were made: from then on the questions are fixed.</summary>
    public DateTime? OpenedAt { get; set; }

    public string? OpenedById { get; set; }

    /// <summary>Set when the administrator closes it (early, or after its close date): no more answers.</summary>
    public DateTime? ClosedAt { get; set; }

    public string? ClosedById { get; set; }

    /// <summary>The smallest group of staff whose answers are shown apart (a role, an agency): fewer could point at a person.</summary>
    public int MinimumGroupSize { get; set; } = SurveyRules.DefaultMinimumGroupSize;

    /// <summary>Triangulation: an agency that meets an item is flagged when fewer than this share of its staff agree.</summary>
    public int MeetsButFewAgreePercent { get; set; } = SurveyRules.DefaultMeetsButFewAgreePercent;

    /// <summary>Triangulation: an agency that does not meet an item is flagged when at least this share of its staff agree.</summary>
    public int NotMetButAgreePercent { get; set; } = SurveyRules.DefaultNotMetButAgreePercent;

    public List<SurveyQuestion> Questions { get; set; } = [];

    /// <summary>Whether an answer may be given today: opened, not closed, and between its dates.</summary>
    // The guarded INSERT of an answer (SurveyService.InsertIfOpenAsync) states this in SQL; change both together
    // (SurveyAnsweringTests close a cached survey early, by the administrator and by its date, and see both refuse).
    public bool TakesAnswersOn(DateOnly today) => OpenedAt is not null && ClosedAt is null && today >= OpensOn && today <= ClosesOn;
}

/// <summary>One question of a survey, in its place; choices and mapped framework items are stored with it.</summary>
public class SurveyQuestion
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>The choices, one a line: those the person typed for choose kinds, the fixed ones otherwise.</summary>
    public required string Choices { get; set; }

    /// <summary>Framework item numbers of the round ("1.2"), comma-separated; empty when not mapped.</summary>
    public required string ItemNumbers { get; set; }

    public IReadOnlyList<string> ChoiceList => SurveyRules.Lines(Choices);

    public IReadOnlyList<string> ItemNumberList => [.. ItemNumbers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>
/// One agency's link to the survey. The link's token is shown to the administrator once, when it is made; only its
/// SHA-256 is kept, so a copy of the database cannot answer as an agency's staff.
/// </summary>
public class SurveyLink
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public int AgencyId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One anonymous answer to the survey. It holds only the survey, the agency whose link was used, the day (not the
/// time) and the answers: no person, address, browser or cookie, so it cannot identify anyone or their device.
/// </summary>
public class SurveyResponse
{
    public long Id { get; set; }
    public int SurveyId { get; set; }
    public int AgencyId { get; set; }
    public DateOnly SubmittedOn { get; set; }

    /// <summary>The answers as JSON: question id (or "role", "service") to the chosen choices or the text typed.</summary>
    public required string Answers { get; set; }
}

/// <summary>
/// A partnership administrator has read one free-text answer (a response's answer to a question) and decided whether it
/// may be shown. The answer itself is never changed; only a publishable one appears in results and exports.
/// </summary>
public class SurveyFreeTextReview
{
    public long Id { get; set; }
    public long SurveyResponseId { get; set; }
    public int SurveyQuestionId { get; set; }
    public bool Publishable { get; set; }
    public DateTime ReviewedAt { get; set; }
    public required string ReviewedById { get; set; }
}
