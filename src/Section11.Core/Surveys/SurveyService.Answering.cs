using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Api;
using Section11.Core.Returns;

namespace Section11.Core.Surveys;

/// <summary>The survey as its link shows it to an agency's staff.</summary>
public sealed record SurveyForAnswering(Survey Survey, string AgencyName, string RoundTitle, bool TakesAnswers, bool NotYetOpen);

public enum SubmitOutcome
{
    Saved,
    UnknownLink,
    Closed,
    Invalid,
}

/// <summary>
/// What sending answers did. <see cref="Survey"/> is the survey answered (null for an unknown link); <see cref="Redraw"/>
/// is the survey as the page draws it again, given only when the answers were not saved, so a saved answer (the burst
/// after a staff briefing) costs no more reads than it needs.
/// </summary>
public sealed record SubmitResult(SubmitOutcome Outcome, IReadOnlyList<FieldError> Errors, Survey? Survey = null, SurveyForAnswering? Redraw = null)
{
    public void Deconstruct(out SubmitOutcome outcome, out IReadOnlyList<FieldError> errors) => (outcome, errors) = (Outcome, Errors);
}

public sealed partial class SurveyService
{
    /// <summary>The survey behind a link, or null for a link that is not (or no longer) one.</summary>
    public async Task<SurveyForAnswering?> FindByTokenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = ApiTokenService.Hash(token);
        var link = await db.SurveyLinks.AsNoTracking().Where(l => l.TokenHash == hash)
            .Select(l => new { l.SurveyId, Agency = db.Agencies.Where(a => a.Id == l.AgencyId).Select(a => a.Name).Single() }).SingleOrDefaultAsync(ct);
        if (link is null)
        {
            return null;
        }

        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions.OrderBy(q => q.Position)).SingleAsync(s => s.Id == link.SurveyId, ct);
        var round = await db.Rounds.Where(r => r.Id == survey.RoundId).Select(r => r.Title).SingleAsync(ct);
        return new(survey, link.Agency, round, survey.TakesAnswersOn(Today), survey.ClosedAt is null && Today < survey.OpensOn);
    }

    /// <summary>
    /// Saves one anonymous response through an agency's link. Not in the change log on purpose: a log row would keep
    /// the exact time (the response keeps only the day) and there is no person to name. An answer is checked against
    /// the link's questions as cached (<see cref="AnsweringCache"/>) and written by one guarded INSERT, so the burst
    /// after a staff briefing costs one statement per answer; anything the cache cannot vouch for takes the full path.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string? token, IReadOnlyDictionary<string, IReadOnlyList<string>> given, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new(SubmitOutcome.UnknownLink, []);
        }

        var hash = ApiTokenService.Hash(token);
        if (AnsweringCache.Find(hash) is { } cached && SurveyRules.CheckAnswers(cached.Survey, given, out var fast).Count == 0
            && await InsertIfOpenAsync(hash, cached, fast, ct))
        {
            return new(SubmitOutcome.Saved, [], cached.Survey);
        }

        // Not cached, an error to show, or the guarded insert found the survey closed or changed: read it afresh.
        AnsweringCache.Forget(hash);
        var link = await db.SurveyLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null)
        {
            return new(SubmitOutcome.UnknownLink, []);
        }

        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions.OrderBy(q => q.Position)).SingleAsync(s => s.Id == link.SurveyId, ct);
        if (!survey.TakesAnswersOn(Today))
        {
            return new(SubmitOutcome.Closed, [], survey, await FindByTokenAsync(token, ct));
        }

        var errors = SurveyRules.CheckAnswers(survey, given, out var answers);
        if (errors.Count > 0)
        {
            return new(SubmitOutcome.Invalid, errors, survey, await FindByTokenAsync(token, ct));
        }

        var entry = new AnsweringCache.Entry(link.SurveyId, link.AgencyId, survey);
        if (!await InsertIfOpenAsync(hash, entry, answers, ct))
        {
            // Closed (or its links made anew) between the read and the write: the write's own check decides.
            return await FindByTokenAsync(token, ct) is { } now ? new(SubmitOutcome.Closed, [], now.Survey, now) : new(SubmitOutcome.UnknownLink, []);
        }

        AnsweringCache.Keep(hash, entry);
        return new(SubmitOutcome.Saved, [], survey);
    }

    /// <summary>
    /// Writes the response in one statement, only if the link still exists and its survey takes answers today (by the
    /// server's clock) with the same "about you" questions and close date the answers were checked against: a survey
    /// closed early, or changed, since the questions were cached stores nothing. Nothing identifying is written: the
    /// survey, the agency, the day and the answers.
    /// </summary>
    private async Task<bool> InsertIfOpenAsync(string hash, AnsweringCache.Entry entry, Dictionary<string, string[]> answers, CancellationToken ct)
    {
        var (today, json, s) = (Today, JsonSerializer.Serialize(answers), entry.Survey);
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SurveyResponses" ("SurveyId", "AgencyId", "SubmittedOn", "Answers")
            SELECT l."SurveyId", l."AgencyId", {today}, {json}
            FROM "SurveyLinks" l JOIN "Surveys" s ON s."Id" = l."SurveyId"
            WHERE l."TokenHash" = {hash} AND l."SurveyId" = {entry.SurveyId} AND l."AgencyId" = {entry.AgencyId}
              AND s."OpenedAt" IS NOT NULL AND s."ClosedAt" IS NULL AND s."OpensOn" <= {today} AND s."ClosesOn" >= {today}
              AND s."ClosesOn" = {s.ClosesOn} AND s."AsksRole" = {s.AsksRole} AND s."AsksLengthOfService" = {s.AsksLengthOfService}
            """, ct) == 1;
    }
}
