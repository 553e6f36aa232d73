using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Reporting;

/// <summary>One agency's return in a round, with its headline facts.</summary>
public sealed record RoundReturn(
    int ReturnId, int AgencyId, string AgencyName, Sector Sector, ReturnStatus Status, TrackerStatus TrackerStatus, DateOnly DueOn,
    DateTime? LastActivityAt, DateTime? SubmittedAt, SignOff? SignOff)
{
    /// <summary>Only submitted returns count in partnership figures: a draft's ratings can still change.</summary>
    public bool IsSubmitted => Status.CountsAsSubmitted();
}

/// <summary>An item's answer in one return. The text columns are null when loaded without text.</summary>
public sealed record AnswerRow(int ReturnId, int ItemId, string? Rating, string? ActualEvidence, string? ActionRequired, DateOnly? Timescale);

/// <summary>A standard's evaluation in one return. The statement is null when loaded without text.</summary>
public sealed record EvaluationRow(int ReturnId, int StandardId, string? Rating, string? Statement);

/// <summary>
/// Everything a partnership report reads about one round, loaded in a fixed number of queries whatever the round's size:
/// the round's framework (with its local items), every return, every answer and every evaluation.
/// </summary>
public sealed class RoundData
{
    private readonly Dictionary<(int ReturnId, int ItemId), AnswerRow> _answers;
    private readonly Dictionary<(int ReturnId, int StandardId), EvaluationRow> _evaluations;
    private readonly Dictionary<string, ScaleLevel> _levels;

    public RoundData(RoundSummary round, FrameworkVersion framework, IReadOnlyList<RoundReturn> returns, IReadOnlyList<AnswerRow> answers, IReadOnlyList<EvaluationRow> evaluations)
    {
        Round = round;
        Framework = framework;
        Returns = returns;
        _answers = answers.ToDictionary(a => (a.ReturnId, a.ItemId));
        _evaluations = evaluations.ToDictionary(e => (e.ReturnId, e.StandardId));
        _levels = framework.Levels.ToDictionary(l => l.Key);
        Levels = [.. framework.Levels.OrderBy(l => l.Position)];
    }

    public RoundSummary Round { get; }
    public FrameworkVersion Framework { get; }

    /// <summary>In agency-name order.</summary>
    public IReadOnlyList<RoundReturn> Returns { get; }

    /// <summary>The scale, lowest first.</summary>
    public IReadOnlyList<ScaleLevel> Levels { get; }

    public IEnumerable<Standard> Standards => Framework.Standards.OrderBy(s => s.Number);

    public static IEnumerable<Item> ItemsOf(Standard standard) => standard.Items.OrderBy(i => i.SortKey);

    public AnswerRow? Answer(int returnId, int itemId) => _answers.GetValueOrDefault((returnId, itemId));

    public EvaluationRow? Evaluation(int returnId, int standardId) => _evaluations.GetValueOrDefault((returnId, standardId));

    /// <summary>The scale level a stored rating key names; null for no rating (or a key the scale no longer has).</summary>
    public ScaleLevel? Level(string? key) => key is not null && _levels.TryGetValue(key, out var level) ? level : null;
}

/// <summary>Loads a round for reporting and exports.</summary>
public sealed class RoundDataService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    /// <summary>
    /// Loads the round. <paramref name="withText"/> false reads ratings only (the dashboard), true also reads evidence,
    /// actions and statements (exports and reports). <paramref name="returnId"/> narrows it to one return (one agency's
    /// report), and <paramref name="withAnswers"/> false skips the item answers (the dashboard counts them in SQL).
    /// Null when the round does not exist.
    /// </summary>
    public async Task<RoundData?> LoadAsync(int roundId, bool withText, int? returnId = null, bool withAnswers = true, CancellationToken ct = default)
    {
        var round = await RoundService.Summaries(db.Rounds.Where(r => r.Id == roundId), db).SingleOrDefaultAsync(ct);
        if (round is null)
        {
            return null;
        }

        var framework = await catalog.GetForRoundAsync(db, roundId, ct);
        var ofRound = db.Returns.Where(r => r.RoundId == roundId && (returnId == null || r.Id == returnId));
        var returns = await LoadReturnsAsync(ofRound, ct);

        var answers = db.Answers.AsNoTracking().Join(ofRound, a => a.ReturnId, r => r.Id, (a, r) => a);
        var evaluations = db.StandardEvaluations.AsNoTracking().Join(ofRound, e => e.ReturnId, r => r.Id, (e, r) => e);
        List<AnswerRow> answerRows = !withAnswers
            ? []
            : withText
                ? await answers.Select(a => new AnswerRow(a.ReturnId, a.ItemId, a.Rating, a.ActualEvidence, a.ActionRequired, a.Timescale)).ToListAsync(ct)
                : await answers.Select(a => new AnswerRow(a.ReturnId, a.ItemId, a.Rating, null, null, null)).ToListAsync(ct);
        var evaluationRows = withText
            ? await evaluations.Select(e => new EvaluationRow(e.ReturnId, e.StandardId, e.Rating, e.Statement)).ToListAsync(ct)
            : await evaluations.Select(e => new EvaluationRow(e.ReturnId, e.StandardId, e.Rating, null)).ToListAsync(ct);
        return new RoundData(round, framework, returns, answerRows, evaluationRows);
    }

    /// <summary>The round's returns with their tracker status as of today, in agency-name order: the round tracker.</summary>
    public Task<IReadOnlyList<RoundReturn>> GetReturnsAsync(int roundId, CancellationToken ct = default) =>
        LoadReturnsAsync(db.Returns.Where(r => r.RoundId == roundId), ct);

    private async Task<IReadOnlyList<RoundReturn>> LoadReturnsAsync(IQueryable<Return> returns, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rows = await returns.AsNoTracking()
            .OrderBy(r => r.Agency.Name).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.AgencyId, r.Agency.Name, r.Agency.Sector, r.Status, DueOn = r.DueOnOverride ?? r.Round.DueOn, r.LastActivityAt, r.SubmittedAt, r.SignOff,
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new RoundReturn(r.Id, r.AgencyId, r.Name, r.Sector, r.Status, RoundService.Track(r.Status, r.LastActivityAt, r.DueOn, today),
            r.DueOn, r.LastActivityAt, r.SubmittedAt, r.SignOff))];
    }
}
