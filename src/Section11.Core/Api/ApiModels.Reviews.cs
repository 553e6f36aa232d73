using Section11.Core.Review;
using Section11.Core.Surveys;

namespace Section11.Core.Api;

/// <summary>
/// GET …/rounds/{roundId}/reviews: the partnership's review of one agency's return: its state, its notes (with the
/// agency's answer once sent; drafts are the agency's own) and its moderated ratings (on the moderation scale).
/// </summary>
public sealed record ApiReview(int ReceiptId, int? ReturnId, ApiAgency Agency, ReviewState State, IReadOnlyList<ApiReviewNote> Notes, IReadOnlyList<ApiModeratedRating> ModeratedRatings);

/// <summary>A note on one item; SentAt is null while the partnership still drafts it, Answer null until the agency sends one.</summary>
public sealed record ApiReviewNote(int Id, int StandardNumber, string ItemNumber, NoteKind Kind, string Text, DateOnly? WantedBy, DateTime CreatedAt, DateTime? SentAt, ApiReviewAnswer? Answer);

public sealed record ApiReviewAnswer(string Text, DateTime SentAt);

/// <summary>A moderated rating of an item, or (ItemNumber null) of the standard's evaluation.</summary>
public sealed record ApiModeratedRating(int StandardNumber, string? ItemNumber, string Rating, string? Label, string? Reason, DateTime UpdatedAt);

/// <summary>
/// GET …/rounds/{roundId}/survey-results: the all-staff survey's results for the partnership and each agency. A set
/// with fewer responses than MinimumGroupSize has no questions at all; role groups below it are merged or left out;
/// free text is only what an administrator marked publishable.
/// </summary>
public sealed record ApiSurveyResults(int RoundId, DateTime? OpenedAt, DateTime? ClosedAt, int MinimumGroupSize, ApiSurveyResultSet Partnership, IReadOnlyList<ApiSurveyResultSet> Agencies);

public sealed record ApiSurveyResultSet(int? AgencyId, string Scope, int Responses, bool Shown, IReadOnlyList<ApiSurveyQuestion> Questions);

public sealed record ApiSurveyQuestion(int QuestionId, string Text, QuestionKind Kind, string ItemNumbers, ApiAnswerCounts All, IReadOnlyList<ApiAnswerCounts> ByRole, IReadOnlyList<string> PublishedText);

/// <summary>One group's answers to a question: each choice's count and whole percent of those who answered; AgreePercent for agree/disagree and yes/no questions.</summary>
public sealed record ApiAnswerCounts(string Group, int Answered, IReadOnlyList<ApiChoiceCount> Counts, int? AgreePercent);

public sealed record ApiChoiceCount(string Choice, int Count, int Percent);
