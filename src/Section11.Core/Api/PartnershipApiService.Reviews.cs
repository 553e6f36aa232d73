using Microsoft.EntityFrameworkCore;
using Section11.Core.Reporting;
using Section11.Core.Review;
using Section11.Core.Surveys;

namespace Section11.Core.Api;

public sealed partial class PartnershipApiService
{
    /// <summary>Every receipt's review in the round, in agency-name order, in a fixed number of queries.</summary>
    public async Task<IReadOnlyList<ApiReview>?> GetReviewsAsync(int partnershipId, int roundId, CancellationToken ct = default)
    {
        if (!await BelongsAsync(partnershipId, roundId, ct))
        {
            return null;
        }

        var returns = await new RoundDataService(db, catalog, time).GetReturnsAsync(roundId, ct);
        var framework = await catalog.GetForRoundAsync(db, roundId, ct);
        var items = framework.Standards.SelectMany(s => s.Items.Select(i => (Item: i, Standard: s))).ToDictionary(x => x.Item.Id);
        var standards = framework.Standards.ToDictionary(s => s.Id, s => s.Number);
        var labels = ModerationRules.Scale(framework.Definition).ToDictionary(l => l.Key, l => l.Label);
        var receipts = db.Receipts.Where(x => x.RoundId == roundId).Select(x => x.Id);
        var notes = (await db.ReviewNotes.AsNoTracking().Where(n => receipts.Contains(n.ReceiptId)).OrderBy(n => n.Id)
                .Select(n => new { n.Id, n.ReceiptId, n.ItemId, n.Kind, n.Text, n.WantedBy, n.CreatedAt, n.SentAt }).ToListAsync(ct))
            .ToLookup(n => n.ReceiptId);
        // Only answers the agency has sent: a draft is the agency's own.
        var answers = await db.ReviewAnswers.AsNoTracking().Where(a => receipts.Contains(a.ReceiptId) && a.SentAt != null)
            .Select(a => new { a.NoteId, a.Text, a.SentAt }).ToDictionaryAsync(a => a.NoteId, ct);
        var moderated = (await db.ModeratedRatings.AsNoTracking().Where(m => receipts.Contains(m.ReceiptId)).OrderBy(m => m.Id)
                .Select(m => new { m.ReceiptId, m.StandardId, m.ItemId, m.Rating, m.Reason, m.UpdatedAt }).ToListAsync(ct))
            .ToLookup(m => m.ReceiptId);

        return [.. returns.Select(r => new ApiReview(r.ReceiptId, r.ReturnId, new ApiAgency(r.AgencyId, r.AgencyName, r.Sector), r.ReviewState,
            [.. notes[r.ReceiptId].Where(n => items.ContainsKey(n.ItemId)).Select(n => new ApiReviewNote(n.Id, items[n.ItemId].Standard.Number, items[n.ItemId].Item.Number, n.Kind, n.Text,
                n.WantedBy, n.CreatedAt, n.SentAt, answers.TryGetValue(n.Id, out var a) ? new ApiReviewAnswer(a.Text, a.SentAt!.Value) : null))],
            [.. moderated[r.ReceiptId].Where(m => standards.ContainsKey(m.StandardId)).Select(m => new ApiModeratedRating(standards[m.StandardId],
                m.ItemId is { } item && items.TryGetValue(item, out var i) ? i.Item.Number : null, m.Rating, labels.GetValueOrDefault(m.Rating), m.Reason, m.UpdatedAt))]))];
    }

    /// <summary>The round's survey results as the results page shows them; null without a survey that has opened.</summary>
    public async Task<ApiSurveyResults?> GetSurveyResultsAsync(int partnershipId, int roundId, CancellationToken ct = default)
    {
        if (!await BelongsAsync(partnershipId, roundId, ct) || await new SurveyService(db, catalog, time).GetResultsAsync(roundId, ct) is not { } view)
        {
            return null;
        }

        return new ApiSurveyResults(roundId, view.Survey.OpenedAt, view.Survey.ClosedAt, view.Survey.MinimumGroupSize, Set(view.Partnership), [.. view.Agencies.Select(Set)]);
    }

    /// <summary>No numbers at all for a set below the minimum group size (<see cref="SurveyResultSet.Shown"/>).</summary>
    private static ApiSurveyResultSet Set(SurveyResultSet set) => new(set.AgencyId, set.Scope, set.Responses, set.Shown, !set.Shown ? [] :
        [.. set.Questions.Select(q => new ApiSurveyQuestion(q.Question.Id, q.Question.Text, q.Question.Kind, q.Question.ItemNumbers, Counts(q.All),
            [.. q.ByRole.Select(Counts)], q.PublishedText))]);

    private static ApiAnswerCounts Counts(AnswerCounts c) => new(c.Group, c.Answered, [.. c.Counts.Select(x => new ApiChoiceCount(x.Choice, x.Count, x.Percent))], c.AgreePercent);
}
