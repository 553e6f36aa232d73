using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Returns;

namespace Section11.Core.Surveys;

/// <summary>A free-text answer nobody has read yet, for the moderation page. It never says which response it came from beyond its id.</summary>
public sealed record UnreadFreeText(long ResponseId, int QuestionId, int Position, string Question, string Agency, string Text);

/// <summary>The survey's results as a page shows them: per agency (each agency's responses) and for the partnership.</summary>
public sealed record SurveyResultsView(Survey Survey, SurveyResultSet Partnership, IReadOnlyList<SurveyResultSet> Agencies);

public sealed partial class SurveyService
{
    /// <summary>
    /// The results of the round's survey: the partnership's and each agency's (every agency of the round, in name order).
    /// Null when the round has no survey that has opened. Free text is only what an administrator marked publishable.
    /// </summary>
    public Task<SurveyResultsView?> GetResultsAsync(int roundId, CancellationToken ct = default) => ResultsAsync(db, roundId, ct);

    /// <summary>The same results on any context: the partnership's full export reads them on its own.</summary>
    internal static async Task<SurveyResultsView?> ResultsAsync(Section11DbContext db, int roundId, CancellationToken ct)
    {
        var survey = await SurveyOf(db, roundId, ct);
        if (survey?.OpenedAt is null)
        {
            return null;
        }

        var agencies = await db.Receipts.Where(x => x.RoundId == roundId).OrderBy(x => x.Agency.Name).Select(x => new { x.AgencyId, x.Agency.Name }).ToListAsync(ct);
        var (responses, publishable, decided) = await LoadResponsesAsync(db, survey.Id, null, ct);
        var perAgency = agencies.Select(a => SurveyResultRules.Results(survey, a.Name, a.AgencyId, [.. responses.Where(r => r.AgencyId == a.AgencyId)], publishable, decided)).ToList();
        return new(survey, SurveyResultRules.Results(survey, "All agencies", null, responses, publishable, decided), perAgency);
    }

    /// <summary>One agency's results; null when the round has no opened survey or the agency is not in the round.</summary>
    public async Task<(Survey Survey, SurveyResultSet Results)?> GetAgencyResultsAsync(int roundId, int agencyId, CancellationToken ct = default)
    {
        var survey = await GetAsync(roundId, ct);
        var agency = await db.Receipts.Where(x => x.RoundId == roundId && x.AgencyId == agencyId).Select(x => x.Agency.Name).FirstOrDefaultAsync(ct);
        if (survey?.OpenedAt is null || agency is null)
        {
            return null;
        }

        var (responses, publishable, decided) = await LoadResponsesAsync(db, survey.Id, agencyId, ct);
        return (survey, SurveyResultRules.Results(survey, agency, agencyId, responses, publishable, decided));
    }

    /// <summary>
    /// What an agency's lead sees of its own staff's answers: nothing until the survey has closed (the results are
    /// then final), then the same results as the partnership's page for that agency. Null without an opened survey.
    /// </summary>
    public async Task<(string RoundTitle, SurveyResultSet? Results)?> GetLeadResultsAsync(int roundId, int agencyId, CancellationToken ct = default)
    {
        var title = await db.Rounds.Where(r => r.Id == roundId).Select(r => r.Title).SingleOrDefaultAsync(ct);
        var found = await GetAgencyResultsAsync(roundId, agencyId, ct);
        return found is not { } f || title is null ? null : (title, f.Survey.ClosedAt is null ? null : f.Results);
    }

    private static async Task<(List<ReadResponse> Responses, HashSet<(long, int)> Publishable, HashSet<(long, int)> Decided)> LoadResponsesAsync(Section11DbContext db, int surveyId, int? agencyId, CancellationToken ct)
    {
        var rows = db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == surveyId && (agencyId == null || r.AgencyId == agencyId));
        var responses = (await rows.OrderBy(r => r.Id).Select(r => new { r.Id, r.AgencyId, r.Answers }).ToListAsync(ct))
            .Select(r => ReadResponse.From(r.Id, r.AgencyId, r.Answers)).ToList();
        var reviews = await db.SurveyFreeTextReviews.Where(v => rows.Any(r => r.Id == v.SurveyResponseId))
            .Select(v => new { v.SurveyResponseId, v.SurveyQuestionId, v.Publishable }).ToListAsync(ct);
        return (responses, [.. reviews.Where(v => v.Publishable).Select(v => (v.SurveyResponseId, v.SurveyQuestionId))],
            [.. reviews.Select(v => (v.SurveyResponseId, v.SurveyQuestionId))]);
    }

    /// <summary>Free-text answers not yet read, oldest response first, with the agency whose link was used.</summary>
    public async Task<IReadOnlyList<UnreadFreeText>> GetUnreadFreeTextAsync(int roundId, CancellationToken ct = default)
    {
        var survey = await GetAsync(roundId, ct);
        var free = survey?.Questions.Where(q => q.Kind == QuestionKind.FreeText).ToList() ?? [];
        if (survey is null || free.Count == 0)
        {
            return [];
        }

        var names = await db.Receipts.Where(x => x.RoundId == roundId).Select(x => new { x.AgencyId, x.Agency.Name }).ToDictionaryAsync(x => x.AgencyId, x => x.Name, ct);
        var (responses, _, decided) = await LoadResponsesAsync(db, survey.Id, null, ct);
        return [.. responses.SelectMany(r => free.Where(q => r.Of(q).Count > 0 && !decided.Contains((r.Id, q.Id)))
            .Select(q => new UnreadFreeText(r.Id, q.Id, q.Position, q.Text, names.GetValueOrDefault(r.AgencyId, ""), r.Of(q)[0])))];
    }

    /// <summary>
    /// Records that an administrator read one free-text answer and whether it may be shown. The answer is unchanged;
    /// a decision is made once (a second one for the same answer is refused).
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> MarkFreeTextAsync(int roundId, long responseId, int questionId, bool publishable, string userId, CancellationToken ct = default)
    {
        var survey = await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.RoundId == roundId, ct);
        var answered = survey is not null
            && await db.SurveyQuestions.AnyAsync(q => q.Id == questionId && q.SurveyId == survey.Id && q.Kind == QuestionKind.FreeText, ct)
            && await db.SurveyResponses.AnyAsync(r => r.Id == responseId && r.SurveyId == survey.Id, ct);
        if (!answered)
        {
            return [FieldError.NotOffered("", "That answer is not in this survey.")];
        }

        if (await db.SurveyFreeTextReviews.AnyAsync(v => v.SurveyResponseId == responseId && v.SurveyQuestionId == questionId, ct))
        {
            return [new("", "That answer has already been read and marked.")];
        }

        var actor = new Actor(userId, Now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var review = new SurveyFreeTextReview { SurveyResponseId = responseId, SurveyQuestionId = questionId, Publishable = publishable, ReviewedAt = actor.At, ReviewedById = userId };
        db.SurveyFreeTextReviews.Add(review);
        await db.SaveChangesAsync(ct);
        // The log names the decision, never the text: the answer stays where it is.
        db.Record(actor, "SurveyFreeTextReview", review.Id, "Publishable", null, publishable ? "Yes" : "No");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }
}
