using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Reporting;
using Section11.Core.Returns;
using Section11.Core.Review;

namespace Section11.Core.Api;

/// <summary>What a list of returns was asked for: an optional tracker status, and a page of it.</summary>
public sealed record ApiReturnsQuery(TrackerStatus? Status, int Page, int PageSize)
{
    /// <summary>
    /// Reads the query string's values; false for anything the API does not offer (a status that is not a tracker
    /// status's exact name, a page below 1, a page size outside 1 to <see cref="ApiPaging.MaxSize"/>), answered 400.
    /// </summary>
    public static bool TryRead(string? status, int? page, int? pageSize, out ApiReturnsQuery query)
    {
        query = new(null, page ?? 1, pageSize ?? ApiPaging.DefaultSize);
        if (status is not null)
        {
            if (!StrictEnum.TryParse<TrackerStatus>(status, out var parsed))
            {
                return false;
            }

            query = query with { Status = parsed };
        }

        return query.Page >= 1 && query.PageSize is >= 1 and <= ApiPaging.MaxSize;
    }
}

public sealed partial class PartnershipApiService
{
    /// <summary>The round's returns, filtered and paged (agency-name order); null for another partnership's round.</summary>
    public async Task<(IReadOnlyList<ApiReturn> Rows, ApiPaging Paging)?> GetReturnsAsync(int partnershipId, int roundId, ApiReturnsQuery query, CancellationToken ct = default)
    {
        if (await GetReturnsAsync(partnershipId, roundId, ct) is not { } all)
        {
            return null;
        }

        var matching = query.Status is { } status ? [.. all.Where(r => r.TrackerStatus == status)] : all;
        var rows = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return (rows, new ApiPaging(query.Page, query.PageSize, matching.Count));
    }

    /// <summary>
    /// One return as the round's partnership sees it, with every answer and this partnership's moderated grades; null
    /// when the return does not go to this round of this partnership (the same as one that does not exist).
    /// </summary>
    public async Task<ApiReturnDetail?> GetReturnAsync(int partnershipId, int roundId, int returnId, CancellationToken ct = default)
    {
        if (!await BelongsAsync(partnershipId, roundId, ct))
        {
            return null;
        }

        var data = await new RoundDataService(db, catalog, time).LoadAsync(roundId, withText: true, returnId, ct: ct);
        if (data?.Returns.SingleOrDefault() is not { ReturnId: not null, Status: { } returnStatus } r)
        {
            return null;
        }

        var moderated = await db.ModeratedRatings.AsNoTracking().Where(m => m.ReceiptId == r.ReceiptId).ToListAsync(ct);
        var scale = ModerationRules.Scale(data.Framework.Definition);
        ApiModeratedGrade? Moderated(int standardId, int? itemId) =>
            moderated.FirstOrDefault(m => m.StandardId == standardId && m.ItemId == itemId) is { } m
            && scale.FirstOrDefault(l => l.Key == m.Rating) is { } level
                ? new ApiModeratedGrade(level.Key, level.Label, Plain(level.Value), level.Meets, m.Reason)
                : null;

        var standards = data.Standards.Select(standard =>
        {
            var evaluation = data.Evaluation(r.ReturnId, standard.Id);
            var items = RoundData.ItemsOf(standard).Select(item =>
            {
                var answer = data.Answer(r.ReturnId, item.Id);
                return new ApiItemAnswer(item.Number, item.Text, Grade(data.Level(answer?.Rating)), answer?.ActualEvidence, answer?.ActionRequired,
                    answer?.Timescale, Moderated(standard.Id, item.Id));
            }).ToList();
            return new ApiStandardAnswers(standard.Number, standard.Title, Grade(data.Level(evaluation?.Rating)), evaluation?.Statement,
                Moderated(standard.Id, null), items);
        }).ToList();
        return new ApiReturnDetail(r.ReturnId.Value, new ApiAgency(r.AgencyId, r.AgencyName, r.Sector), returnStatus, r.TrackerStatus, r.DueOn, r.SubmittedAt,
            r.SignOff is { } s ? new ApiSignOff(s.SignatoryName, s.PostHeld, s.Organisation, s.SignedOn) : null, r.Revision, r.ReviewState, standards);
    }

    /// <summary>
    /// One agency's improvement areas from the round, with actions and monitoring, numbered as the partnership sees its
    /// part of the plan; null when the agency is not in this partnership's round.
    /// </summary>
    public async Task<ApiActionPlan?> GetActionPlanAsync(int partnershipId, int roundId, int agencyId, CancellationToken ct = default)
    {
        if (!await BelongsAsync(partnershipId, roundId, ct))
        {
            return null;
        }

        var plans = new ActionPlanService(db, catalog, time);
        if (await plans.GetRoundAgencyAreasAsync(roundId, agencyId, ct) is not { } agency)
        {
            return null;
        }

        var today = plans.Today;
        return new ApiActionPlan(agency.AgencyId, agency.AgencyName, [.. agency.Areas.Select(a => new ApiImprovementArea(a.Area.Id, a.Number,
            a.Area.OverarchingStandard, a.Area.Outcome, [.. a.Actions.Select(x => new ApiPlanAction(x.Action.Id, x.Number, x.Action.SpecificAction,
                x.Action.Deadline, x.Action.LeadOrganisation, x.Action.AccountablePerson, x.Action.SuccessIndicators, x.Action.SuccessIndicatorsBy,
                x.Action.Rag, x.Action.IsOverdue(today), x.Action.ImpactAndEvidence, x.Action.CompletedOn,
                [.. x.Action.Monitoring.OrderBy(m => m.EntryDate).ThenBy(m => m.Id).Select(m => new ApiMonitoringEntry(m.EntryDate, m.Kind, m.Text, m.RecordedAt))]))]))]);
    }

    private static ApiGrade? Grade(ScaleLevel? level) => level is null ? null : new ApiGrade(level.Key, level.Label, Plain(level.Value), level.Meets);
}
