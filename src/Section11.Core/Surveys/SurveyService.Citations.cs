using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;

namespace Section11.Core.Surveys;

/// <summary>
/// One survey result an agency may cite as evidence (in its action plan, in its answers to a review): an agree/disagree
/// or yes/no question of a closed survey of one of its rounds, with the agency's own share agreeing as its results page
/// shows it. <see cref="PartnershipId"/> is the round's: its administrators read the agency's results there.
/// </summary>
public sealed record SurveyCitation(int QuestionId, int RoundId, int AgencyId, string RoundTitle, string Question, int Agreeing, int Answered, int AgreePercent,
    int PartnershipId)
{
    /// <summary>The share agreeing and n, in the words of the triangulation ("56% agreed (5 of 9)").</summary>
    public string Share => $"{AgreePercent}% agreed ({Agreeing} of {Answered})";

    /// <summary>The citation as a line of a download, in the words the pages draw it with (Pages/Shared/_SurveyCitation.cshtml).</summary>
    public string Evidence => $"Survey evidence: “{Question}” ({RoundTitle} all-staff survey): {Share}.";

    /// <summary>How a list offers it: the round's survey, the question and its numbers.</summary>
    public string Label => $"{RoundTitle}: {Question}, {Share}";
}

public sealed partial class SurveyService
{
    /// <summary>The survey results the agency may cite, the one list the pages offer and the services check against.</summary>
    public Task<IReadOnlyList<SurveyCitation>> GetCitableAsync(int agencyId, CancellationToken ct = default) => CitableAsync(db, agencyId, ct);

    /// <summary>
    /// Every agree/disagree and yes/no question of the closed surveys of the agency's rounds where the agency's own
    /// results are shown (at least the survey's minimum group size answered), latest survey first, each in question
    /// order. Only closed surveys: their numbers are final, so a citation says the same thing wherever it is drawn.
    /// The numbers are <see cref="SurveyResultRules"/>', so they are the results page's.
    /// </summary>
    internal static async Task<IReadOnlyList<SurveyCitation>> CitableAsync(Section11DbContext db, int agencyId, CancellationToken ct)
    {
        var surveys = await db.Surveys.AsNoTracking().Include(s => s.Questions)
            .Where(s => s.ClosedAt != null && db.Receipts.Any(x => x.AgencyId == agencyId && x.RoundId == s.RoundId))
            .OrderByDescending(s => s.ClosedAt).ThenBy(s => s.Id).ToListAsync(ct);
        var roundIds = surveys.Select(s => s.RoundId).ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => new { r.Title, r.PartnershipId }, ct);
        var citable = new List<SurveyCitation>();
        foreach (var survey in surveys)
        {
            var (responses, publishable, decided) = await LoadResponsesAsync(db, survey.Id, agencyId, ct);
            var round = rounds[survey.RoundId];
            var results = SurveyResultRules.Results(survey, round.Title, agencyId, responses, publishable, decided);
            if (!results.Shown)
            {
                continue;
            }

            citable.AddRange(results.Questions
                .Where(q => SurveyResultRules.HasAgreeShare(q.Question.Kind) && q.All.Answered > 0)
                .Select(q => new SurveyCitation(q.Question.Id, survey.RoundId, agencyId, round.Title, q.Question.Text,
                    q.All.AgreeCount ?? 0, q.All.Answered, q.All.AgreePercent ?? 0, round.PartnershipId)));
        }

        return citable;
    }

    /// <summary>Whether <paramref name="questionId"/> (null: none) may be cited by the agency: none always may.</summary>
    internal static async Task<bool> MayCiteAsync(Section11DbContext db, int agencyId, int? questionId, CancellationToken ct) =>
        questionId is not { } id || (await CitableAsync(db, agencyId, ct)).Any(c => c.QuestionId == id);
}
