using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.ActionPlans;


/// <summary>An agency's action plan: improvement areas, SMART actions and their monitoring.</summary>
public sealed partial class ActionPlanService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A change to the plan, written by the change recorder in the same SaveChanges as the change itself.</summary>
    private void Log(string userId, string type, long id, string field, string? old, string? value) =>
        db.Record(new Actor(userId, Now), type, id, field, old, value);

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The plan as <paramref name="scope"/> may see it (whole by default); numbers are positions in what is seen.</summary>
    public async Task<IReadOnlyList<ImprovementArea>> GetPlanAsync(int agencyId, PlanScope? scope = null, CancellationToken ct = default) =>
        await (scope ?? PlanScope.Whole).Filter(db.ImprovementAreas.Where(a => a.AgencyId == agencyId), db).AsNoTracking().AsSplitQuery()
            .Include(a => a.Actions).ThenInclude(x => x.Monitoring)
            .OrderBy(a => a.Position).ThenBy(a => a.Id)
            .ToListAsync(ct);

    public sealed record AgencyPlanSummary(int AgencyId, string AgencyName, int Red, int Amber, int Green, int NotRated, int Overdue);

    public sealed record OverdueAction(int AgencyId, string AgencyName, int ActionId, string Number, string SpecificAction, DateOnly Deadline, Rag? Rag);

    /// <summary>For a partnership: every agency's plan in a round, counted by RAG, and the overdue actions.</summary>
    public async Task<(IReadOnlyList<AgencyPlanSummary> Agencies, IReadOnlyList<OverdueAction> Overdue)> GetRoundPlansAsync(int roundId, CancellationToken ct = default)
    {
        var today = Today;
        var summaries = new List<AgencyPlanSummary>();
        var overdue = new List<OverdueAction>();
        foreach (var agency in await GetRoundAreasAsync(roundId, withMonitoring: false, ct))
        {
            var actions = agency.Areas.SelectMany(a => a.Actions).ToList();
            summaries.Add(new(agency.AgencyId, agency.AgencyName,
                actions.Count(x => x.Action.Rag == Rag.Red), actions.Count(x => x.Action.Rag == Rag.Amber), actions.Count(x => x.Action.Rag == Rag.Green),
                actions.Count(x => x.Action.Rag is null), actions.Count(x => x.Action.IsOverdue(today))));
            overdue.AddRange(actions.Where(x => x.Action.IsOverdue(today))
                .Select(x => new OverdueAction(agency.AgencyId, agency.AgencyName, x.Action.Id, x.Number, x.Action.SpecificAction, x.Action.Deadline, x.Action.Rag)));
        }

        return (summaries, [.. overdue.OrderBy(o => o.Deadline)]);
    }

    /// <summary>One agency of the round with its areas from the round and their monitoring (the API); null if not in the round.</summary>
    public async Task<RoundAgencyAreas?> GetRoundAgencyAreasAsync(int roundId, int agencyId, CancellationToken ct = default) =>
        await GetRoundAreasAsync(roundId, withMonitoring: true, ct, agencyId) is [var agency, ..] ? agency : null;

    /// <summary>One agency of a round with the areas of the round in its plan, numbered as the partnership sees the plan.</summary>
    public sealed record RoundAgencyAreas(int AgencyId, string AgencyName,
        IReadOnlyList<(ImprovementArea Area, string Number, IReadOnlyList<(PlanAction Action, string Number)> Actions)> Areas);

    /// <summary>
    /// Every agency of the round, in name order, with its plan's areas from this round (and from the rounds of the same
    /// shared returns), numbered within the partnership's part of the plan: the one selection the round's plan pages,
    /// the overarching plan and its export all read.
    /// </summary>
    private async Task<IReadOnlyList<RoundAgencyAreas>> GetRoundAreasAsync(int roundId, bool withMonitoring, CancellationToken ct, int? agencyId = null)
    {
        var agencies = await db.Receipts.AsNoTracking().Where(r => r.RoundId == roundId && (agencyId == null || r.AgencyId == agencyId))
            .OrderBy(r => r.Agency.Name).Select(r => new { r.AgencyId, r.Agency.Name }).ToListAsync(ct);
        // The rounds whose areas count here: this one, and those of the same shared returns.
        var sharedRounds = (await db.Receipts.AsNoTracking()
                .Where(x => x.ReturnId != null && db.Receipts.Any(y => y.RoundId == roundId && y.ReturnId == x.ReturnId))
                .Select(x => x.RoundId).Distinct().ToListAsync(ct))
            .Append(roundId).ToHashSet();
        var agencyIds = agencies.Select(a => a.AgencyId).ToList();
        // Only the areas of this partnership's rounds: another partnership's areas are not counted, nor numbered.
        var partnershipId = await db.Rounds.Where(r => r.Id == roundId).Select(r => r.PartnershipId).SingleAsync(ct);
        var query = PlanScope.OfPartnerships([partnershipId]).Filter(db.ImprovementAreas.Where(a => agencyIds.Contains(a.AgencyId)), db)
            .AsNoTracking().AsSplitQuery();
        var areas = withMonitoring
            ? await query.Include(a => a.Actions).ThenInclude(x => x.Monitoring).ToListAsync(ct)
            : await query.Include(a => a.Actions).ToListAsync(ct);
        return [.. agencies.Select(agency => new RoundAgencyAreas(agency.AgencyId, agency.Name,
            [.. PlanNumbering.Number(areas.Where(a => a.AgencyId == agency.AgencyId)).Where(a => a.Area.RoundId is { } r && sharedRounds.Contains(r))]))];
    }

    /// <summary>
    /// An area, with what its source answers said (action required, timescale) to start a new action from, and the
    /// guidance of its round's framework on writing actions.
    /// </summary>
    public async Task<(ImprovementArea Area, string? ActionRequired, DateOnly? Timescale, ActionPlanDefinition? Guidance, IReadOnlyList<Surveys.SurveyCitation> Citable)> GetAreaAsync(int areaId, CancellationToken ct = default)
    {
        var area = await db.ImprovementAreas.AsNoTracking().SingleAsync(a => a.Id == areaId, ct);
        // In the area's own order (its first item first): the database returns rows in no particular order.
        var sources = (await db.Answers.AsNoTracking().Where(a => area.SourceAnswerIds.Contains(a.Id)).ToListAsync(ct))
            .OrderBy(a => area.SourceAnswerIds.IndexOf(a.Id)).ToList();
        var actions = sources.Select(a => a.ActionRequired).Where(a => a is not null).ToList();
        return (area, actions.Count == 0 ? null : string.Join("\n\n", actions), sources.Min(a => a.Timescale), await GuidanceAsync(area, ct),
            await Surveys.SurveyService.CitableAsync(db, area.AgencyId, ct));
    }

    public async Task<(int? Id, IReadOnlyList<FieldError> Errors)> AddActionAsync(int areaId, ActionInput input, string userId, CancellationToken ct = default)
    {
        var (values, errors) = ActionRules.Read(input, Today);
        if (values is null)
        {
            return (null, errors);
        }

        var agencyId = await db.ImprovementAreas.Where(a => a.Id == areaId).Select(a => a.AgencyId).SingleAsync(ct);
        if (!await Surveys.SurveyService.MayCiteAsync(db, agencyId, values.SurveyQuestionId, ct))
        {
            return (null, [NotCitable]);
        }

        var position = (await db.PlanActions.Where(x => x.ImprovementAreaId == areaId).MaxAsync(x => (int?)x.Position, ct) ?? 0) + 1;
        var action = new PlanAction
        {
            ImprovementAreaId = areaId,
            Position = position,
            SpecificAction = "",
            LeadOrganisation = "",
            AccountablePerson = "",
            SuccessIndicators = "",
            UpdatedById = userId,
        };
        var actor = new Actor(userId, Now);
        if (action.Update(values, actor, log: null) is { } refused)
        {
            return (null, [refused]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PlanActions.Add(action);
        await db.SaveChangesAsync(ct);
        db.Record(actor, "PlanAction", action.Id, "Created", null, action.SpecificAction);
        if (action.SurveyQuestionId is { } cited)
        {
            db.Record(actor, "PlanAction", action.Id, nameof(PlanAction.SurveyQuestionId), null, cited.ToString(CultureInfo.InvariantCulture));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (action.Id, []);
    }

    /// <summary>A survey result the page never offered (another agency's, an open survey's, a group too small): a forged form.</summary>
    private static readonly FieldError NotCitable = FieldError.NotOffered("SurveyQuestionId", "Select a survey result from the list, or None");

    private const string ChangedMeanwhile = "Someone else changed this action while you were editing it. Your changes have not been saved: reload the page to see theirs.";

    public async Task<IReadOnlyList<FieldError>> UpdateActionAsync(int actionId, int version, ActionInput input, string userId, CancellationToken ct = default)
    {
        var action = await db.PlanActions.SingleAsync(x => x.Id == actionId, ct);
        if (action.Version != version)
        {
            return [new("", ChangedMeanwhile)];
        }

        var (values, errors) = ActionRules.Read(input, Today, action.Deadline);
        if (values is null)
        {
            return errors;
        }

        var agencyId = await db.ImprovementAreas.Where(a => a.Id == action.ImprovementAreaId).Select(a => a.AgencyId).SingleAsync(ct);
        if (values.SurveyQuestionId != action.SurveyQuestionId && !await Surveys.SurveyService.MayCiteAsync(db, agencyId, values.SurveyQuestionId, ct))
        {
            return [NotCitable];
        }

        // The entity refuses before changing anything, so a refused change leaves no change-log row behind.
        var log = new List<ChangeLogEntry>();
        if (action.Update(values, new Actor(userId, Now), log) is { } refused)
        {
            return [refused];
        }

        if (log.Count == 0)
        {
            return [];
        }

        action.Version++;
        db.ChangeLog.AddRange(log);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return [new("", ChangedMeanwhile)];
        }

        return [];
    }

    /// <summary>Adds a dated entry to an action's monitoring log. Entries are never edited or removed.</summary>
    public async Task<IReadOnlyList<FieldError>> AddMonitoringAsync(int actionId, DateInput date, string? kind, string? text, string userId, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var (entryDate, dateError) = date.Parse();
        if (date.IsEmpty)
        {
            errors.Add(new("EntryDate", "Enter the date of the entry: every entry must be dated"));
        }
        else if (dateError is not null)
        {
            errors.Add(new("EntryDate", $"Date of the entry {dateError}"));
        }
        else if (entryDate > Today)
        {
            errors.Add(new("EntryDate", "Date of the entry must be today or in the past"));
        }

        if (!StrictEnum.TryParse<MonitoringKind>(kind, out var parsedKind))
        {
            const string message = "Select whether this is progress, a risk or an additional action";
            errors.Add(string.IsNullOrEmpty(kind) ? new("Kind", message) : FieldError.NotOffered("Kind", message));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("Text", "Enter what happened"));
        }
        else if (text.Length > InputLimits.LongText)
        {
            errors.Add(new("Text", InputLimits.TooLong("What happened", InputLimits.LongText)));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        // The entry is dated, with its author, and never changed afterwards; like every write it is also in the change
        // log, in the same transaction (its id exists only once it is inserted).
        var entry = new MonitoringEntry
        {
            PlanActionId = actionId, EntryDate = entryDate!.Value, Kind = parsedKind, Text = ReturnService.Normalise(text)!, RecordedAt = Now, AuthorId = userId,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.MonitoringEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        Log(userId, nameof(MonitoringEntry), entry.Id, "Created", null, $"{entry.Kind} on {entry.EntryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} for action {actionId}: {entry.Text}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }
}
