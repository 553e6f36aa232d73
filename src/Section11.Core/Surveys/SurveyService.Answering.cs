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
    /// the exact time (the response keeps only the day) and there is no person to name.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string? token, IReadOnlyDictionary<string, IReadOnlyList<string>> given, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new(SubmitOutcome.UnknownLink, []);
        }

        var hash = ApiTokenService.Hash(token);
        var link = await db.SurveyLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null)
        {
            return new(SubmitOutcome.UnknownLink, []);
        }

        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).SingleAsync(s => s.Id == link.SurveyId, ct);
        if (!survey.TakesAnswersOn(Today))
        {
            return new(SubmitOutcome.Closed, [], survey, await FindByTokenAsync(token, ct));
        }

        var errors = SurveyRules.CheckAnswers(survey, given, out var answers);
        if (errors.Count > 0)
        {
            return new(SubmitOutcome.Invalid, errors, survey, await FindByTokenAsync(token, ct));
        }

        db.SurveyResponses.Add(new SurveyResponse { SurveyId = survey.Id, AgencyId = link.AgencyId, SubmittedOn = Today, Answers = JsonSerializer.Serialize(answers) });
        await db.SaveChangesAsync(ct);
        return new(SubmitOutcome.Saved, [], survey);
    }
}
