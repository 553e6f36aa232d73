using Section11.Core.Organisations;
using Section11.Core.Returns;

namespace Section11.Core.Api;

// The JSON the read-only API returns (camelCase names, ISO 8601 dates, enums as their names); docs/api.md describes them.

/// <summary>GET /api/v1/partnerships/{id}/rounds: one audit round; ClosedAt is set once the partnership has closed it (figures final).</summary>
public sealed record ApiRound(
    int Id, string Title, ApiFramework Framework, DateOnly OpensOn, DateOnly DueOn, DateTime? LaunchedAt, DateTime? ClosedAt, int Returns, ApiTrackerCounts ReturnsByTrackerStatus);

public sealed record ApiFramework(string Key, string Version, string Title);

/// <summary>
/// How many of a round's returns are in each tracker status (as of today: a late unsubmitted return is Overdue; on a
/// closed round, one not received by the close is NotReceived).
/// </summary>
public sealed record ApiTrackerCounts(int NotStarted, int InProgress, int AwaitingSignOff, int Submitted, int ReturnedForChanges, int Overdue, int BeingRevised, int NotReceived);

/// <summary>
/// GET …/rounds/{roundId}/returns: one agency's return, in agency-name order. ReturnId and Status are null while the
/// agency chooses whether to share a return it already has; Revision counts its submissions (above 1: revised).
/// </summary>
public sealed record ApiReturn(
    int? ReturnId, ApiAgency Agency, ReturnStatus? Status, TrackerStatus TrackerStatus, DateOnly DueOn, DateTime? SubmittedAt, ApiSignOff? SignOff,
    int Revision);

public sealed record ApiAgency(int Id, string Name, Sector Sector);

public sealed record ApiSignOff(string SignatoryName, string PostHeld, string Organisation, DateOnly SignedOn);

/// <summary>GET …/rounds/{roundId}/ratings: the scale, every item of every submitted return, and every standard's evaluation.</summary>
public sealed record ApiRoundRatings(int RoundId, IReadOnlyList<ApiScaleLevel> Scale, IReadOnlyList<ApiItemRating> Items, IReadOnlyList<ApiStandardEvaluation> Evaluations);

public sealed record ApiScaleLevel(string Key, string Label, decimal? Value, bool Meets);

/// <summary>
/// One item of one submitted return. Rating, label, value and meets are null where the item was not rated; the
/// moderated rating and label (on the moderation scale) are null until the partnership's review moderates the item.
/// </summary>
public sealed record ApiItemRating(
    int ReturnId, int AgencyId, string AgencyName, int StandardNumber, string ItemNumber, string? Rating, string? Label, decimal? Value, bool? Meets,
    string? ModeratedRating = null, string? ModeratedLabel = null);

/// <summary>One standard's overall evaluation in one submitted return, with the moderated one beside it (null until moderated).</summary>
public sealed record ApiStandardEvaluation(
    int ReturnId, int AgencyId, string AgencyName, int StandardNumber, string? Rating, string? Label, decimal? Value, bool? Meets,
    string? ModeratedRating = null, string? ModeratedLabel = null);

/// <summary>GET …/rounds/{roundId}/action-plans: one agency's actions from this round's improvement areas, counted.</summary>
public sealed record ApiActionPlanSummary(int AgencyId, string AgencyName, int Red, int Amber, int Green, int NotRated, int Overdue);
