using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Reporting;

/// <summary>
/// One agency's receipt in a round, with its return's headline facts. No return yet (<see cref="ReturnId"/> null)
/// while the agency chooses whether to share one it already has.
/// </summary>
public sealed record RoundReturn(
    int? ReturnId, int AgencyId, string AgencyName, Sector Sector, ReturnStatus? Status, TrackerStatus TrackerStatus, DateOnly DueOn,
    DateTime? LastActivityAt, DateTime? SubmittedAt, SignOff? SignOff, int Revision = 0,
    int ReceiptId = 0, Review.ReviewState ReviewState = Review.ReviewState.NotStarted)
{
    /// <summary>Only submitted returns count in partnership figures: a draft's ratings can still change.</summary>
    public bool IsSubmitted => Status?.CountsAsSubmitted() == true;

    /// <summary>Submitted again after changes: every receiving partnership is told.</summary>
    public bool IsRevised => Revision > 1;
}

/// <summary>An item's answer in one return. The text columns are null when loaded without text.</summary>
public sealed record AnswerRow(int ReturnId, int ItemId, string? Rating, string? ActualEvidence, string? ActionRequired, DateOnly? Timescale);

/// <summary>A standard's evaluation in one return. The statement is null when loaded without text.</summary>
public sealed record EvaluationRow(int ReturnId, int StandardId, string? Rating, string? Statement);

/// <summary>How an agency's submitted return in an earlier round evaluated the standard of that number, on that round's scale.</summary>
public sealed record EarlierEvaluation(int AgencyId, int StandardNumber, ScaleLevel? Level);

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

    /// <summary>None for a receipt with no return yet.</summary>
    public AnswerRow? Answer(int? returnId, int itemId) => returnId is { } id ? _answers.GetValueOrDefault((id, itemId)) : null;

    public EvaluationRow? Evaluation(int? returnId, int standardId) => returnId is { } id ? _evaluations.GetValueOrDefault((id, standardId)) : null;

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
        var receipts = db.Receipts.Where(x => x.RoundId == roundId && (returnId == null || x.ReturnId == returnId));
        var returns = await LoadReturnsAsync(receipts, ct);

        // A shared return also holds other partnerships' local sections: this round reads only the framework's and its own.
        var ofRound = receipts.Where(x => x.ReturnId != null).Select(x => x.ReturnId!.Value);
        var answers = db.Answers.AsNoTracking().Where(a => ofRound.Contains(a.ReturnId) && (a.Item.Standard.RoundId == null || a.Item.Standard.RoundId == roundId));
        var evaluations = db.StandardEvaluations.AsNoTracking().Where(e => ofRound.Contains(e.ReturnId) && (e.Standard.RoundId == null || e.Standard.RoundId == roundId));
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

    /// <summary>
    /// The dashboard's round: ratings only, no item answers (the dashboard counts those in SQL), and the evaluations of
    /// an earlier round's submitted returns to compare with, read in the same query as the round's own. The query starts
    /// from the rounds' receipts, so the evaluations' (ReturnId, StandardId) index finds their rows without a scan.
    /// Null when the round does not exist.
    /// </summary>
    public async Task<(RoundData Data, IReadOnlyList<EarlierEvaluation> Earlier)?> LoadForDashboardAsync(int roundId, int? earlierRoundId, CancellationToken ct = default)
    {
        var round = await RoundService.Summaries(db.Rounds.Where(r => r.Id == roundId), db).SingleOrDefaultAsync(ct);
        if (round is null)
        {
            return null;
        }

        var framework = await catalog.GetForRoundAsync(db, roundId, ct);
        var returns = await LoadReturnsAsync(db.Receipts.Where(x => x.RoundId == roundId), ct);
        // A shared return also holds other partnerships' local sections: each round reads only the framework's and its own.
        var rows = await (
                from x in db.Receipts.AsNoTracking()
                where x.RoundId == roundId || (x.RoundId == earlierRoundId && x.Return!.Status == ReturnLifecycle.CountingStatus)
                join e in db.StandardEvaluations.AsNoTracking() on x.ReturnId equals (int?)e.ReturnId
                where e.Standard.RoundId == null || e.Standard.RoundId == x.RoundId
                select new { x.RoundId, x.AgencyId, e.ReturnId, e.StandardId, e.Standard.Number, e.Rating })
            .ToListAsync(ct);
        var data = new RoundData(round, framework, returns, [],
            [.. rows.Where(r => r.RoundId == roundId).Select(r => new EvaluationRow(r.ReturnId, r.StandardId, r.Rating, null))]);
        if (earlierRoundId is not { } earlierId)
        {
            return (data, []);
        }

        var earlierLevels = (await catalog.GetForRoundAsync(db, earlierId, ct)).Levels.ToDictionary(l => l.Key);
        return (data, [.. rows.Where(r => r.RoundId == earlierId)
            .Select(r => new EarlierEvaluation(r.AgencyId, r.Number, r.Rating is null ? null : earlierLevels.GetValueOrDefault(r.Rating)))]);
    }

    /// <summary>
    /// The round with its text and the partnership's moderated grades, for the round's Excel and CSV files, which carry
    /// each moderated grade beside the agency's own. Null when the round does not exist.
    /// </summary>
    public async Task<(RoundData Data, ModerationComparison Moderation)?> LoadForExportAsync(int roundId, CancellationToken ct = default) =>
        await LoadAsync(roundId, withText: true, ct: ct) is { } data ? (data, await ModerationComparison.LoadAsync(db, data, data.Returns, ct)) : null;

    /// <summary>The round's returns with their tracker status as of today, in agency-name order: the round tracker.</summary>
    public Task<IReadOnlyList<RoundReturn>> GetReturnsAsync(int roundId, CancellationToken ct = default) =>
        LoadReturnsAsync(db.Receipts.Where(x => x.RoundId == roundId), ct);

    private async Task<IReadOnlyList<RoundReturn>> LoadReturnsAsync(IQueryable<Receipt> receipts, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rows = await receipts.AsNoTracking()
            .OrderBy(x => x.Agency.Name).ThenBy(x => x.Id)
            .Select(x => new
            {
                x.ReturnId, x.AgencyId, x.Agency.Name, x.Agency.Sector, Status = x.Return == null ? (ReturnStatus?)null : x.Return.Status, x.DueOn,
                x.Return!.LastActivityAt, x.Return.SubmittedAt, x.Return.SignOff, Revision = x.Return == null ? 0 : x.Return.Revision,
                Returned = x.ReturnedReason != null, Closed = x.Round.ClosedAt != null, ReceiptId = x.Id, x.ReviewState,
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new RoundReturn(r.ReturnId, r.AgencyId, r.Name, r.Sector, r.Status,
            RoundService.Track(r.Status, r.LastActivityAt, r.DueOn, r.Returned, today, r.Closed), r.DueOn, r.LastActivityAt, r.SubmittedAt, r.SignOff, r.Revision,
            r.ReceiptId, r.ReviewState))];
    }
}
