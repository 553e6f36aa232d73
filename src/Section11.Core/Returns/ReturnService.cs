using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;

namespace Section11.Core.Returns;

/// <summary>One partnership's round a return goes to, as the return's pages show it.</summary>
public sealed record ReceiptSummary(int Id, int RoundId, int PartnershipId, string PartnershipName, string RoundTitle, DateOnly DueOn, string? ReturnedReason,
    DateTime? RoundClosedAt);

/// <summary>
/// A return's headline facts and the rounds it goes to. For the agency that is every receipt; for a partnership's
/// people only their own (<see cref="SeenBy"/>), so nothing of another partnership's round reaches them.
/// </summary>
public sealed record ReturnSummary(
    int Id, int AgencyId, string AgencyName, ReturnStatus Status, int FrameworkVersionId, DateTime? SubmittedAt, SignOff? SignOff, int Revision,
    IReadOnlyList<ReceiptSummary> Receipts)
{
    public IReadOnlyList<int> RoundIds => [.. Receipts.Select(r => r.RoundId)];

    /// <summary>The earliest date a receiving round is owed the return by.</summary>
    public DateOnly DueOn => Receipts.Min(r => r.DueOn);

    public string RoundTitle => string.Join(" and ", Receipts.Select(r => r.RoundTitle).Distinct());

    /// <summary>Submitted more than once: every receiving partnership is told it was revised after submission.</summary>
    public bool IsRevised => Revision > 1;

    /// <summary>Every round it goes to (that the viewer sees) is closed: nothing can be done to it.</summary>
    public bool IsLocked => ReturnLifecycle.IsLocked(Receipts.Select(r => r.RoundClosedAt is not null));

    public ReceiptSummary? ReceiptFor(int roundId) => Receipts.SingleOrDefault(r => r.RoundId == roundId);

    /// <summary>The receipt a report is of: the round asked for among those seen, or with none asked, the first.</summary>
    public ReceiptSummary? ReceiptForReport(int? roundId) =>
        roundId is { } id ? ReceiptFor(id) : Receipts.Count > 0 ? Receipts[0] : null;

    public ReturnSummary SeenBy(IReadOnlyCollection<int> partnershipIds) =>
        this with { Receipts = [.. Receipts.Where(r => partnershipIds.Contains(r.PartnershipId))] };
}

public enum StandardState
{
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>A standard's progress on the task list, and who it is assigned to (delegation), if anyone.</summary>
public sealed record StandardProgress(Standard Standard, StandardState State, int Rated, int Total, Assignee? AssignedTo = null);

public sealed record ReturnOverview(ReturnSummary Return, FrameworkVersion Framework, IReadOnlyList<StandardProgress> Standards)
{
    public bool IsComplete => Standards.All(s => s.State == StandardState.Completed);
}

/// <summary>One standard of a return as stored: answers in item order, and who last saved it.</summary>
public sealed record StandardView(
    ReturnSummary Return, FrameworkVersion Framework, Standard Standard, IReadOnlyList<Answer> Answers, StandardEvaluation Evaluation, string? LastSavedBy);

/// <summary>A whole return, for check-your-answers and the read-only view.</summary>
public sealed record ReturnDetails(
    ReturnSummary Return, FrameworkVersion Framework, IReadOnlyDictionary<int, Answer> AnswersByItem,
    IReadOnlyDictionary<int, StandardEvaluation> EvaluationsByStandard, string? SubmittedBy);

public sealed record StandardInput(int Version, IReadOnlyList<AnswerValues> Answers, EvaluationValues Evaluation);

public enum SaveOutcome
{
    Saved,
    Invalid,
    Conflict,
    BadRequest,
    NotEditable,
}

public sealed record SaveStandardResult(SaveOutcome Outcome, IReadOnlyList<FieldError> Errors, StandardView? Current = null)
{
    public static SaveStandardResult Of(SaveOutcome outcome) => new(outcome, []);
}

public sealed record SignOffInput(string? SignatoryName, string? PostHeld, string? Organisation, DateInput SignedOn, bool DeclarationAccepted);

public sealed record MyReturn(int Id, int AgencyId, string AgencyName, string RoundTitle, string FrameworkTitle, DateOnly DueOn, ReturnStatus Status, IReadOnlyList<string> Partnerships);

/// <summary>Reading and changing an agency's return. Callers have already checked the user may see the return.</summary>
public sealed partial class ReturnService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<IReadOnlyList<MyReturn>> GetReturnsForUserAsync(string userId, CancellationToken ct = default)
    {
        var agencyIds = db.RoleAssignments
            .Where(r => r.UserId == userId && r.AgencyId != null && RoleAssignment.AgencyRoles.Contains(r.Role))
            .Select(r => r.AgencyId!.Value);
        var rows = await db.Returns.AsNoTracking()
            .Where(r => agencyIds.Contains(r.AgencyId))
            .Select(r => new
            {
                r.Id, r.AgencyId, AgencyName = r.Agency.Name, FrameworkTitle = r.FrameworkVersion.Title, r.Status,
                Rounds = r.Receipts.OrderBy(x => x.DueOn).Select(x => new { x.Round.Title, x.DueOn, Partnership = x.Round.Partnership.Name }).ToList(),
            })
            .ToListAsync(ct);
        return [.. rows.Where(r => r.Rounds.Count > 0)
            .Select(r => new MyReturn(r.Id, r.AgencyId, r.AgencyName, string.Join(" and ", r.Rounds.Select(x => x.Title).Distinct()), r.FrameworkTitle,
                r.Rounds[0].DueOn, r.Status, [.. r.Rounds.Select(x => x.Partnership)]))
            .OrderBy(r => r.DueOn).ThenBy(r => r.AgencyName)];
    }

    public Task<ReturnSummary?> GetSummaryAsync(int returnId, CancellationToken ct = default) =>
        Summaries(db.Returns.Where(r => r.Id == returnId)).SingleOrDefaultAsync(ct);

    /// <summary>The one projection of a return's headline facts and its receipts.</summary>
    public static IQueryable<ReturnSummary> Summaries(IQueryable<Return> returns) =>
        returns.AsNoTracking().Select(r => new ReturnSummary(r.Id, r.AgencyId, r.Agency.Name, r.Status, r.FrameworkVersionId, r.SubmittedAt, r.SignOff, r.Revision,
            r.Receipts.OrderBy(x => x.RoundId).Select(x => new ReceiptSummary(x.Id, x.RoundId, x.Round.PartnershipId, x.Round.Partnership.Name, x.Round.Title,
                x.DueOn, x.ReturnedReason, x.Round.ClosedAt)).ToList()));

    public async Task<ReturnOverview> GetOverviewAsync(ReturnSummary summary, CancellationToken ct = default)
    {
        var framework = await catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);
        var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == summary.Id).ToDictionaryAsync(a => a.ItemId, ct);
        var evaluations = await db.StandardEvaluations.AsNoTracking().Where(e => e.ReturnId == summary.Id).ToDictionaryAsync(e => e.StandardId, ct);
        var assigned = await AssignmentService.AssignedAsync(db, summary.Id, summary.AgencyId, ct);
        var progress = framework.Standards
            .Select(s => Progress(framework, s, [.. s.Items.Select(i => answers[i.Id])], evaluations[s.Id]) with { AssignedTo = assigned.GetValueOrDefault(s.Id) })
            .ToList();
        return new ReturnOverview(summary, framework, progress);
    }

    private static StandardProgress Progress(FrameworkVersion framework, Standard standard, IReadOnlyList<Answer> answers, StandardEvaluation evaluation)
    {
        var rated = answers.Count(a => a.Rating is not null);
        if (answers.All(a => a.IsBlank) && evaluation.IsBlank)
        {
            return new(standard, StandardState.NotStarted, rated, answers.Count);
        }

        var errors = StandardRules.Check(framework, standard, [.. answers.Select(AnswerValues.From)], EvaluationValues.From(evaluation), complete: true, today: null);
        return new(standard, errors.Count == 0 ? StandardState.Completed : StandardState.InProgress, rated, answers.Count);
    }

    /// <summary>A standard of the return; <paramref name="roundId"/> tells apart two partnerships' local sections with one number.</summary>
    public async Task<StandardView?> GetStandardAsync(ReturnSummary summary, int standardNumber, int? roundId = null, CancellationToken ct = default)
    {
        var framework = await catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);
        var standard = framework.FindStandard(standardNumber, roundId);
        return standard is null ? null : await LoadStandardAsync(summary, framework, standard, tracked: false, ct);
    }

    /// <summary>The framework as the return's round uses it: from the catalog's cache once the round is launched.</summary>
    public Task<FrameworkVersion> GetFrameworkAsync(ReturnSummary summary, CancellationToken ct = default) =>
        catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);

    private async Task<StandardView> LoadStandardAsync(ReturnSummary summary, FrameworkVersion framework, Standard standard, bool tracked, CancellationToken ct)
    {
        var itemIds = standard.Items.Select(i => i.Id).ToList();
        if (tracked)
        {
            // For a save: the version first, then the answers, so a save landing between the two makes the version
            // check at the write refuse this one rather than let it overwrite answers it never compared.
            var stored = await db.StandardEvaluations.SingleAsync(e => e.ReturnId == summary.Id && e.StandardId == standard.Id, ct);
            var current = await db.Answers.Where(a => a.ReturnId == summary.Id && itemIds.Contains(a.ItemId)).ToDictionaryAsync(a => a.ItemId, ct);
            return new StandardView(summary, framework, standard, [.. standard.Items.Select(i => current[i.Id])], stored, null);
        }

        // For the page: one statement, so one snapshot. The answers, the version and who saved them always belong
        // together, and a conflict page shows exactly what the person would overwrite.
        var row = await db.StandardEvaluations.AsNoTracking().Where(e => e.ReturnId == summary.Id && e.StandardId == standard.Id)
            .Select(e => new
            {
                Evaluation = e,
                Answers = db.Answers.Where(a => a.ReturnId == e.ReturnId && itemIds.Contains(a.ItemId)).ToList(),
                LastSavedBy = db.Users.Where(u => u.Id == e.UpdatedById).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var answers = row.Answers.ToDictionary(a => a.ItemId);
        return new StandardView(summary, framework, standard, [.. standard.Items.Select(i => answers[i.Id])], row.Evaluation, row.LastSavedBy);
    }

    /// <summary>
    /// Saves one standard. With <paramref name="complete"/> the standard must be finished ("Save and continue");
    /// without it part-done work is kept ("Save and come back later"). Nothing is saved unless everything is valid.
    /// The summary is the return as the access filter loaded it for the page; <paramref name="roundId"/> names a
    /// partnership's local section where two share a number.
    /// </summary>
    public async Task<SaveStandardResult> SaveStandardAsync(
        ReturnSummary summary, int standardNumber, StandardInput input, bool complete, string userId, int? roundId = null, CancellationToken ct = default)
    {
        // Read, not tracked: the write below checks the status again in its own transaction.
        var entity = await db.Returns.AsNoTracking().Include(r => r.Receipts).ThenInclude(x => x.Round).SingleAsync(r => r.Id == summary.Id, ct);
        if (!entity.IsEditable)
        {
            return SaveStandardResult.Of(SaveOutcome.NotEditable);
        }

        var framework = await catalog.GetForRoundsAsync(db, entity.FrameworkVersionId, [.. entity.Receipts.Select(x => x.RoundId)], ct);
        var standard = framework.FindStandard(standardNumber, roundId);
        if (standard is null || !IsWellFormed(framework, standard, input))
        {
            return SaveStandardResult.Of(SaveOutcome.BadRequest);
        }

        var stored = await LoadStandardAsync(summary, framework, standard, tracked: true, ct);
        if (stored.Evaluation.Version != input.Version)
        {
            return new(SaveOutcome.Conflict, [], await LoadStandardAsync(summary, framework, standard, tracked: false, ct));
        }

        var answers = input.Answers.Select((a, i) => a with { PreviousTimescale = stored.Answers[i].Timescale }).ToList();
        var errors = StandardRules.Check(framework, standard, answers, input.Evaluation, complete, Today);
        if (errors.Count > 0)
        {
            return new(SaveOutcome.Invalid, errors);
        }

        var actor = new Actor(userId, Now);
        var log = new List<ChangeLogEntry>();
        for (var i = 0; i < answers.Count; i++)
        {
            Apply(entity, stored.Answers[i], answers[i], actor, log);
        }

        var evaluation = stored.Evaluation;
        var evaluationId = evaluation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rating = input.Evaluation.Rating;
        var statement = Normalise(input.Evaluation.Statement);
        Set(entity, actor, log, "StandardEvaluation", evaluationId, "Rating", evaluation.Rating, rating, v => evaluation.Rating = v);
        Set(entity, actor, log, "StandardEvaluation", evaluationId, "Statement", evaluation.Statement, statement, v => evaluation.Statement = v);

        if (log.Count == 0)
        {
            return SaveStandardResult.Of(SaveOutcome.Saved);
        }

        evaluation.Version++;
        evaluation.UpdatedAt = actor.At;
        evaluation.UpdatedById = actor.UserId;
        db.ChangeLog.AddRange(log);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await ReturnConcurrency.ClaimOpenReturnAsync(db, entity.Id, actor.At, ct))
        {
            // Sent for sign-off or signed off since we read it: the answers are frozen, nothing is written.
            db.ChangeTracker.Clear();
            return SaveStandardResult.Of(SaveOutcome.NotEditable);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved this standard between our read and our write: show them their colleague's values.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new(SaveOutcome.Conflict, [], await LoadStandardAsync(summary, framework, standard, tracked: false, ct));
        }

        return SaveStandardResult.Of(SaveOutcome.Saved);
    }

    /// <summary>A form that names items outside the standard, or ratings outside the scale, was not made by our page.</summary>
    private static bool IsWellFormed(FrameworkVersion framework, Standard standard, StandardInput input)
    {
        var itemIds = standard.Items.Select(i => i.Id).ToList();
        bool KnownRating(string? r) => r is null || framework.Levels.Any(l => l.Key == r);
        return input.Answers.Select(a => a.ItemId).SequenceEqual(itemIds)
            && input.Answers.All(a => KnownRating(a.Rating))
            && KnownRating(input.Evaluation.Rating);
    }

    private static void Apply(Return entity, Answer answer, AnswerValues values, Actor actor, List<ChangeLogEntry> log)
    {
        var id = answer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var before = log.Count;
        Set(entity, actor, log, "Answer", id, "Rating", answer.Rating, values.Rating, v => answer.Rating = v);
        Set(entity, actor, log, "Answer", id, "ActualEvidence", answer.ActualEvidence, Normalise(values.ActualEvidence), v => answer.ActualEvidence = v);
        Set(entity, actor, log, "Answer", id, "ActionRequired", answer.ActionRequired, Normalise(values.ActionRequired), v => answer.ActionRequired = v);
        var timescale = values.Timescale.Parse().Date;
        Set(entity, actor, log, "Answer", id, "Timescale", answer.Timescale?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            timescale?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), _ => answer.Timescale = timescale);
        if (log.Count > before)
        {
            answer.UpdatedAt = actor.At;
            answer.UpdatedById = actor.UserId;
        }
    }

    private static void Set(Return entity, Actor actor, List<ChangeLogEntry> log, string type, string id, string field, string? old, string? value, Action<string?> set)
    {
        if (old == value)
        {
            return;
        }

        set(value);
        log.Add(entity.Change(actor, type, id, field, old, value));
    }

    /// <summary>Browsers send CRLF from text areas; blank means not answered.</summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    public async Task<ReturnDetails> GetDetailsAsync(ReturnSummary summary, CancellationToken ct = default)
    {
        var framework = await catalog.GetForRoundsAsync(db, summary.FrameworkVersionId, summary.RoundIds, ct);
        var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == summary.Id).ToDictionaryAsync(a => a.ItemId, ct);
        var evaluations = await db.StandardEvaluations.AsNoTracking().Where(e => e.ReturnId == summary.Id).ToDictionaryAsync(e => e.StandardId, ct);
        var submittedBy = await db.Returns.Where(r => r.Id == summary.Id && r.SubmittedById != null)
            .Join(db.Users, r => r.SubmittedById, u => u.Id, (r, u) => u.DisplayName)
            .SingleOrDefaultAsync(ct);
        return new ReturnDetails(summary, framework, answers, evaluations, submittedBy);
    }

    /// <summary>The lead sends a complete return to the senior signatory.</summary>
    public Task<IReadOnlyList<FieldError>> SendForSignOffAsync(int returnId, string userId, CancellationToken ct = default) =>
        ChangeStatusAsync(returnId, userId, (entity, framework, actor, log) => entity.SendForSignOff(framework, actor, log), ct, Notifications.NotificationOutbox.SignOffRequestedAsync);

    public Task<IReadOnlyList<FieldError>> WithdrawAsync(int returnId, string userId, CancellationToken ct = default) =>
        ChangeStatusAsync(returnId, userId, (entity, _, actor, log) => entity.Withdraw(actor, log), ct);

    private async Task<IReadOnlyList<FieldError>> ChangeStatusAsync(
        int returnId, string userId, Func<Return, FrameworkVersion, Actor, List<ChangeLogEntry>, IReadOnlyList<string>> change, CancellationToken ct,
        Func<Section11DbContext, Return, DateTime, CancellationToken, Task>? notify = null)
    {
        var entity = await db.Returns.Include(r => r.Answers).Include(r => r.Evaluations).Include(r => r.Receipts).ThenInclude(x => x.Round).AsSplitQuery().SingleAsync(r => r.Id == returnId, ct);
        var framework = await catalog.GetForRoundsAsync(db, entity.FrameworkVersionId, [.. entity.Receipts.Select(x => x.RoundId)], ct);
        var log = new List<ChangeLogEntry>();
        var problems = change(entity, framework, new Actor(userId, Now), log);
        if (problems.Count > 0)
        {
            return [.. problems.Select(p => new FieldError("", p))];
        }

        db.ChangeLog.AddRange(log);
        if (notify is not null)
        {
            await notify(db, entity, Now, ct);
        }

        return await db.SaveStateChangeAsync(returnId, ct);
    }

    /// <summary>Signs off and submits the return; returns the reasons it cannot be, keyed by sign-off field.</summary>
    public async Task<IReadOnlyList<FieldError>> SubmitAsync(int returnId, SignOffInput input, string userId, CancellationToken ct = default)
    {
        var entity = await db.Returns.Include(r => r.Answers).Include(r => r.Evaluations).Include(r => r.Receipts).ThenInclude(x => x.Round).AsSplitQuery().SingleAsync(r => r.Id == returnId, ct);
        var framework = await catalog.GetForRoundsAsync(db, entity.FrameworkVersionId, [.. entity.Receipts.Select(x => x.RoundId)], ct);

        var errors = SignOffRules.Check(framework.Definition.Declaration, input, Today);
        if (errors.Count > 0)
        {
            return errors;
        }

        var signOff = new SignOff
        {
            SignatoryName = Normalise(input.SignatoryName) ?? "",
            PostHeld = Normalise(input.PostHeld) ?? "",
            Organisation = Normalise(input.Organisation) ?? "",
            SignedOn = input.SignedOn.Parse().Date ?? Today,
            DeclarationAccepted = input.DeclarationAccepted,
        };
        var log = new List<ChangeLogEntry>();
        var problems = entity.Submit(framework, signOff, new Actor(userId, Now), log);
        if (problems.Count > 0)
        {
            return [.. problems.Select(p => new FieldError("", p))];
        }

        db.ChangeLog.AddRange(log);
        await Notifications.NotificationOutbox.SubmittedAsync(db, entity, Now, ct);
        return await db.SaveStateChangeAsync(returnId, ct);
    }
}
