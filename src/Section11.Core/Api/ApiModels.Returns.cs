using Section11.Core.Returns;
using Section11.Core.Review;

namespace Section11.Core.Api;

// The JSON of one return and one agency's action plan (docs/api.md, "GET rounds/{roundId}/returns/{returnId}").

/// <summary>A level of a scale as an answer carries it: the key stored, with the label, value and meets of the scale.</summary>
public sealed record ApiGrade(string Key, string Label, decimal? Value, bool Meets);

/// <summary>The partnership's moderated grade beside the self grade (never over it), on the moderation scale, with its reason.</summary>
public sealed record ApiModeratedGrade(string Key, string Label, decimal? Value, bool Meets, string? Reason);

/// <summary>
/// GET …/rounds/{roundId}/returns/{returnId}: one return as the round's partnership sees it: every standard of the
/// round's framework (with this round's local section, never another partnership's), each item's answer, the standard's
/// evaluation, and this partnership's review state and moderated grades.
/// </summary>
public sealed record ApiReturnDetail(
    int ReturnId, ApiAgency Agency, ReturnStatus Status, TrackerStatus TrackerStatus, DateOnly DueOn, DateTime? SubmittedAt,
    ApiSignOff? SignOff, int Revision, ReviewState ReviewState, IReadOnlyList<ApiStandardAnswers> Standards);

public sealed record ApiStandardAnswers(
    int Number, string Title, ApiGrade? Evaluation, string? Statement, ApiModeratedGrade? ModeratedEvaluation, IReadOnlyList<ApiItemAnswer> Items);

/// <summary>One item's answer; every field but the number and text is null where the agency left it blank.</summary>
public sealed record ApiItemAnswer(
    string Number, string Text, ApiGrade? Rating, string? Evidence, string? ActionRequired, DateOnly? Timescale, ApiModeratedGrade? Moderated);

/// <summary>GET …/rounds/{roundId}/action-plans/{agencyId}: the agency's improvement areas raised from this round, numbered as the plan numbers them.</summary>
public sealed record ApiActionPlan(int AgencyId, string AgencyName, IReadOnlyList<ApiImprovementArea> Areas);

public sealed record ApiImprovementArea(int Id, string Number, string OverarchingStandard, string Outcome, IReadOnlyList<ApiPlanAction> Actions);

public sealed record ApiPlanAction(
    int Id, string Number, string SpecificAction, DateOnly Deadline, string LeadOrganisation, string AccountablePerson, string SuccessIndicators,
    DateOnly? SuccessIndicatorsBy, ActionPlans.Rag? Rag, bool Overdue, string? ImpactAndEvidence, DateOnly? CompletedOn, IReadOnlyList<ApiMonitoringEntry> Monitoring);

public sealed record ApiMonitoringEntry(DateOnly EntryDate, ActionPlans.MonitoringKind Kind, string Text, DateTime RecordedAt);

/// <summary>A page of a list: the rows, and where they sit in the whole (the same figures as the Link and X-Total-Count headers).</summary>
public sealed record ApiPaging(int Page, int PageSize, int Total)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 500;

    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
