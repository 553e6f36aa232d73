using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Reporting;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Api;

/// <summary>
/// What the read-only API serves for one partnership. Every round-level method answers null for a round of another
/// partnership, the same as for one that does not exist.
/// </summary>
public sealed partial class PartnershipApiService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    /// <summary>Every round, latest due first, with its returns counted by tracker status (two queries).</summary>
    public async Task<IReadOnlyList<ApiRound>> GetRoundsAsync(int partnershipId, CancellationToken ct = default)
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.PartnershipId == partnershipId)
            .OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Title, r.FrameworkVersion.FrameworkKey, r.FrameworkVersion.Version, FrameworkTitle = r.FrameworkVersion.Title,
                r.OpensOn, r.DueOn, r.LaunchedAt, r.ClosedAt,
            })
            .ToListAsync(ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var returns = (await db.Receipts.AsNoTracking().Where(x => x.Round.PartnershipId == partnershipId)
                .Select(x => new
                {
                    x.RoundId, Status = x.Return == null ? (ReturnStatus?)null : x.Return.Status, x.Return!.LastActivityAt, x.DueOn,
                    Returned = x.ReturnedReason != null, Closed = x.Round.ClosedAt != null,
                })
                .ToListAsync(ct))
            .Select(r => (r.RoundId, Status: RoundService.Track(r.Status, r.LastActivityAt, r.DueOn, r.Returned, today, r.Closed)))
            .ToLookup(r => r.RoundId, r => r.Status);
        return [.. rounds.Select(r =>
        {
            var statuses = returns[r.Id].ToList();
            int Count(TrackerStatus s) => statuses.Count(x => x == s);
            return new ApiRound(r.Id, r.Title, new ApiFramework(r.FrameworkKey, r.Version, r.FrameworkTitle), r.OpensOn, r.DueOn, r.LaunchedAt, r.ClosedAt, statuses.Count,
                new ApiTrackerCounts(Count(TrackerStatus.NotStarted), Count(TrackerStatus.InProgress), Count(TrackerStatus.AwaitingSignOff),
                    Count(TrackerStatus.Submitted), Count(TrackerStatus.ReturnedForChanges), Count(TrackerStatus.Overdue), Count(TrackerStatus.BeingRevised),
                    Count(TrackerStatus.NotReceived)));
        })];
    }

    public async Task<IReadOnlyList<ApiReturn>?> GetReturnsAsync(int partnershipId, int roundId, CancellationToken ct = default)
    {
        if (!await BelongsAsync(partnershipId, roundId, ct))
        {
            return null;
        }

        var returns = await new RoundDataService(db, catalog, time).GetReturnsAsync(roundId, ct);
        return [.. returns.Select(r => new ApiReturn(r.ReturnId, new ApiAgency(r.AgencyId, r.AgencyName, r.Sector), r.Status, r.TrackerStatus, r.DueOn,
            r.SubmittedAt, r.SignOff is { } s ? new ApiSignOff(s.SignatoryName, s.PostHeld, s.Organisation, s.SignedOn) : null, r.Revision))];
    }

    /// <summary>Ratings of submitted returns only: a draft's ratings can still change.</summary>
    public async Task<ApiRoundRatings?> GetRatingsAsync(int partnershipId, int roundId, CancellationToken ct = default)
    {
        if (!await BelongsAsync(partnershipId, roundId, ct))
        {
            return null;
        }

        var data = (await new RoundDataService(db, catalog, time).LoadAsync(roundId, withText: false, ct: ct))!;
        var submitted = data.Returns.Where(r => r.IsSubmitted).ToList();
        // This partnership's moderated ratings of the round's receipts, beside (never over) the self ratings.
        var moderated = (await db.ModeratedRatings.AsNoTracking().Where(m => db.Receipts.Any(x => x.Id == m.ReceiptId && x.RoundId == roundId))
                .Select(m => new { m.ReceiptId, m.StandardId, m.ItemId, m.Rating }).ToListAsync(ct))
            .ToDictionary(m => (m.ReceiptId, m.StandardId, m.ItemId), m => m.Rating);
        var moderationScale = Review.ModerationRules.Scale(data.Framework.Definition).ToDictionary(l => l.Key, l => l.Label);
        (string? Rating, string? Label) Moderated(int receiptId, int standardId, int? itemId) =>
            moderated.TryGetValue((receiptId, standardId, itemId), out var key) ? (key, moderationScale.GetValueOrDefault(key)) : (null, null);
        var items = new List<ApiItemRating>();
        var evaluations = new List<ApiStandardEvaluation>();
        foreach (var r in submitted)
        {
            foreach (var standard in data.Standards)
            {
                foreach (var item in RoundData.ItemsOf(standard))
                {
                    var rating = data.Answer(r.ReturnId, item.Id)?.Rating;
                    var level = data.Level(rating);
                    var itemModerated = Moderated(r.ReceiptId, standard.Id, item.Id);
                    items.Add(new ApiItemRating(r.ReturnId!.Value, r.AgencyId, r.AgencyName, standard.Number, item.Number, rating, level?.Label, Plain(level?.Value), level?.Meets,
                        itemModerated.Rating, itemModerated.Label));
                }

                var evaluation = data.Evaluation(r.ReturnId, standard.Id)?.Rating;
                var evaluationLevel = data.Level(evaluation);
                var evaluationModerated = Moderated(r.ReceiptId, standard.Id, null);
                evaluations.Add(new ApiStandardEvaluation(r.ReturnId!.Value, r.AgencyId, r.AgencyName, standard.Number, evaluation,
                    evaluationLevel?.Label, Plain(evaluationLevel?.Value), evaluationLevel?.Meets, evaluationModerated.Rating, evaluationModerated.Label));
            }
        }

        return new ApiRoundRatings(roundId, [.. data.Levels.Select(l => new ApiScaleLevel(l.Key, l.Label, Plain(l.Value), l.Meets))], items, evaluations);
    }

    public async Task<IReadOnlyList<ApiActionPlanSummary>?> GetActionPlansAsync(int partnershipId, int roundId, CancellationToken ct = default)
    {
        if (!await BelongsAsync(partnershipId, roundId, ct))
        {
            return null;
        }

        var (agencies, _) = await new ActionPlanService(db, catalog, time).GetRoundPlansAsync(roundId, ct);
        return [.. agencies.Select(a => new ApiActionPlanSummary(a.AgencyId, a.AgencyName, a.Red, a.Amber, a.Green, a.NotRated, a.Overdue))];
    }

    /// <summary>1, not 1.000: the providers store the value with different scales, and the JSON should not show it.</summary>
    private static decimal? Plain(decimal? value) => value / 1.000000000000000000000000000000000m;

    private Task<bool> BelongsAsync(int partnershipId, int roundId, CancellationToken ct) =>
        db.Rounds.AnyAsync(r => r.Id == roundId && r.PartnershipId == partnershipId, ct);
}
