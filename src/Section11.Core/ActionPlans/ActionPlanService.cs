using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.ActionPlans;

/// <summary>An item rated below the threshold on a submitted return, offered as an improvement area.</summary>
public sealed record Suggestion(int AnswerId, int StandardId, int StandardNumber, string ItemNumber, string ItemText, string RatingLabel, string? ActionRequired, DateOnly? Timescale);

/// <summary>One improvement area to create from a return: the answers it covers (one, or several merged) and its outcome.</summary>
public sealed record AreaFromAnswers(IReadOnlyList<int> AnswerIds, string? Outcome);

/// <summary>An agency's action plan: improvement areas, SMART actions and their monitoring.</summary>
public sealed class ActionPlanService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A change to the plan, written in the same SaveChanges as the change itself.</summary>
    private void Log(string userId, string type, long id, string field, string? old, string? value) =>
        db.ChangeLog.Add(new ChangeLogEntry
        {
            At = Now, UserId = userId, EntityType = type, EntityId = id.ToString(CultureInfo.InvariantCulture), Field = field, OldValue = old, NewValue = value,
        });

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
        var agencies = await db.Returns.AsNoTracking().Where(r => r.RoundId == roundId)
            .OrderBy(r => r.Agency.Name).Select(r => new { r.AgencyId, r.Agency.Name }).ToListAsync(ct);
        var agencyIds = agencies.Select(a => a.AgencyId).ToList();
        // Only the areas of this partnership's rounds: another partnership's areas are not counted, nor numbered.
        var partnershipId = await db.Rounds.Where(r => r.Id == roundId).Select(r => r.PartnershipId).SingleAsync(ct);
        var areas = await PlanScope.OfPartnerships([partnershipId]).Filter(db.ImprovementAreas.Where(a => agencyIds.Contains(a.AgencyId)), db)
            .AsNoTracking().AsSplitQuery()
            .Include(a => a.Actions)
            .ToListAsync(ct);
        var today = Today;
        var summaries = new List<AgencyPlanSummary>();
        var overdue = new List<OverdueAction>();
        foreach (var agency in agencies)
        {
            // Numbers are those of the partnership's part of the plan; only this round's areas are counted.
            var numbered = PlanNumbering.Number(areas.Where(a => a.AgencyId == agency.AgencyId));
            var actions = numbered.Where(a => a.Area.RoundId == roundId).SelectMany(a => a.Actions).ToList();
            summaries.Add(new(agency.AgencyId, agency.Name,
                actions.Count(x => x.Action.Rag == Rag.Red), actions.Count(x => x.Action.Rag == Rag.Amber), actions.Count(x => x.Action.Rag == Rag.Green),
                actions.Count(x => x.Action.Rag is null), actions.Count(x => x.Action.IsOverdue(today))));
            overdue.AddRange(actions.Where(x => x.Action.IsOverdue(today))
                .Select(x => new OverdueAction(agency.AgencyId, agency.Name, x.Action.Id, x.Number, x.Action.SpecificAction, x.Action.Deadline, x.Action.Rag)));
        }

        return (summaries, [.. overdue.OrderBy(o => o.Deadline)]);
    }

    public sealed record ReturnWithSuggestions(int ReturnId, string RoundTitle, int Count);

    /// <summary>The agency's submitted returns that still have items waiting to become improvement areas.</summary>
    public async Task<IReadOnlyList<ReturnWithSuggestions>> GetReturnsWithSuggestionsAsync(int agencyId, PlanScope? scope = null, CancellationToken ct = default)
    {
        var submitted = await ReturnService.Summaries((scope ?? PlanScope.Whole).Filter(
                db.Returns.Where(r => r.AgencyId == agencyId && (r.Status == ReturnStatus.Submitted || r.Status == ReturnStatus.Closed))))
            .ToListAsync(ct);
        if (submitted.Count == 0)
        {
            return [];
        }

        // The same number of queries however many returns the agency has submitted: frameworks come from the catalog's
        // cache, and the answers below the threshold of every return come in one query.
        var frameworks = new Dictionary<int, FrameworkVersion>();
        foreach (var summary in submitted)
        {
            frameworks[summary.Id] = await catalog.GetForRoundAsync(db, summary.RoundId, ct);
        }

        var returnIds = submitted.Select(s => s.Id).ToList();
        var belowKeys = frameworks.Values.SelectMany(f => f.Levels).Where(l => !l.Meets).Select(l => l.Key).Distinct().ToList();
        var answers = (await db.Answers.AsNoTracking()
                .Where(a => returnIds.Contains(a.ReturnId) && a.Rating != null && belowKeys.Contains(a.Rating))
                .ToListAsync(ct))
            .ToLookup(a => a.ReturnId);
        var cited = await CitedAnswersAsync(agencyId, ct);
        return [.. submitted
            .Select(s => new ReturnWithSuggestions(s.Id, s.RoundTitle, Suggest(frameworks[s.Id], answers[s.Id], cited).Count))
            .Where(r => r.Count > 0)];
    }

    /// <summary>Items of a submitted return rated below the meeting threshold and not yet in the plan.</summary>
    public async Task<IReadOnlyList<Suggestion>> GetSuggestionsAsync(ReturnSummary summary, CancellationToken ct = default)
    {
        if (summary.Status is not (ReturnStatus.Submitted or ReturnStatus.Closed))
        {
            return [];
        }

        var framework = await catalog.GetForRoundAsync(db, summary.RoundId, ct);
        var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == summary.Id && a.Rating != null).ToListAsync(ct);
        return Suggest(framework, answers, await CitedAnswersAsync(summary.AgencyId, ct));
    }

    private async Task<HashSet<int>> CitedAnswersAsync(int agencyId, CancellationToken ct) =>
        (await db.ImprovementAreas.AsNoTracking().Where(a => a.AgencyId == agencyId).Select(a => a.SourceAnswerIds).ToListAsync(ct))
            .SelectMany(ids => ids).ToHashSet();

    private static List<Suggestion> Suggest(FrameworkVersion framework, IEnumerable<Answer> answers, HashSet<int> cited)
    {
        var below = framework.Levels.Where(l => !l.Meets).ToDictionary(l => l.Key, l => l.Label);
        var items = framework.Standards.SelectMany(s => s.Items).ToDictionary(i => i.Id);
        return [.. answers
            .Where(a => a.Rating is not null && below.ContainsKey(a.Rating) && !cited.Contains(a.Id) && items.ContainsKey(a.ItemId))
            .Select(a => (Answer: a, Item: items[a.ItemId]))
            .OrderBy(x => x.Item.Standard.Number).ThenBy(x => x.Item.SortKey)
            .Select(x => new Suggestion(x.Answer.Id, x.Item.StandardId, x.Item.Standard.Number, x.Item.Number, x.Item.Text,
                below[x.Answer.Rating!], x.Answer.ActionRequired, x.Answer.Timescale))];
    }

    /// <summary>
    /// Creates improvement areas from a submitted return's suggestions. Merged answers must share a standard, so
    /// each area keeps one overarching standard.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> CreateAreasAsync(ReturnSummary summary, IReadOnlyList<AreaFromAnswers> areas, string userId, CancellationToken ct = default)
    {
        var suggestions = (await GetSuggestionsAsync(summary, ct)).ToDictionary(s => s.AnswerId);
        if (areas.Count == 0)
        {
            return [new("", "Select at least one item to add to the action plan")];
        }

        var errors = new List<FieldError>();
        foreach (var (area, index) in areas.Select((a, i) => (a, i)))
        {
            if (area.AnswerIds.Count == 0 || !area.AnswerIds.All(suggestions.ContainsKey))
            {
                return [new("", "The items chosen are no longer waiting to be added. Reload the page and try again.")];
            }

            if (area.AnswerIds.Select(id => suggestions[id].StandardId).Distinct().Count() > 1)
            {
                errors.Add(new($"Areas[{index}].Outcome", "Only items from the same standard can be merged into one improvement area"));
            }

            if (string.IsNullOrWhiteSpace(area.Outcome))
            {
                errors.Add(new($"Areas[{index}].Outcome", $"Enter the desired outcome for {string.Join(" and ", area.AnswerIds.Select(id => suggestions[id].ItemNumber))}"));
            }
            else if (area.Outcome.Length > Return.MaxTextLength)
            {
                errors.Add(new($"Areas[{index}].Outcome", $"The desired outcome must be {Return.MaxTextLength:N0} characters or fewer"));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var next = await NextAreaPositionAsync(summary.AgencyId, ct);
        var added = new List<ImprovementArea>();
        foreach (var area in areas)
        {
            var first = suggestions[area.AnswerIds[0]];
            added.Add(new ImprovementArea
            {
                AgencyId = summary.AgencyId,
                RoundId = summary.RoundId,
                StandardId = first.StandardId,
                OverarchingStandard = $"Standard {first.StandardNumber}, {summary.RoundTitle}",
                Outcome = ReturnService.Normalise(area.Outcome)!,
                Position = next++,
                SourceAnswerIds = [.. area.AnswerIds],
                CreatedAt = Now,
                CreatedById = userId,
            });
        }

        db.ImprovementAreas.AddRange(added);
        await db.SaveChangesAsync(ct);
        foreach (var area in added)
        {
            Log(userId, "ImprovementArea", area.Id, "Created", null, $"{area.OverarchingStandard}: {area.Outcome}");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    private async Task<int> NextAreaPositionAsync(int agencyId, CancellationToken ct) =>
        (await db.ImprovementAreas.Where(a => a.AgencyId == agencyId).MaxAsync(a => (int?)a.Position, ct) ?? 0) + 1;

    /// <summary>An area, with what its source answers said (action required, timescale) to start a new action from.</summary>
    public async Task<(ImprovementArea Area, string? ActionRequired, DateOnly? Timescale)> GetAreaAsync(int areaId, CancellationToken ct = default)
    {
        var area = await db.ImprovementAreas.AsNoTracking().SingleAsync(a => a.Id == areaId, ct);
        var sources = await db.Answers.AsNoTracking().Where(a => area.SourceAnswerIds.Contains(a.Id)).ToListAsync(ct);
        var actions = sources.Select(a => a.ActionRequired).Where(a => a is not null).ToList();
        return (area, actions.Count == 0 ? null : string.Join("\n\n", actions), sources.Min(a => a.Timescale));
    }

    public async Task<(int? Id, IReadOnlyList<FieldError> Errors)> AddActionAsync(int areaId, ActionInput input, string userId, CancellationToken ct = default)
    {
        var errors = ActionRules.Check(input, Today);
        if (errors.Count > 0)
        {
            return (null, errors);
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
        Apply(action, input, new Actor(userId, Now), []);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PlanActions.Add(action);
        await db.SaveChangesAsync(ct);
        Log(userId, "PlanAction", action.Id, "Created", null, action.SpecificAction);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (action.Id, []);
    }

    public async Task<IReadOnlyList<FieldError>> UpdateActionAsync(int actionId, int version, ActionInput input, string userId, CancellationToken ct = default)
    {
        var action = await db.PlanActions.SingleAsync(x => x.Id == actionId, ct);
        if (action.Version != version)
        {
            return [new("", "Someone else changed this action while you were editing it. Your changes have not been saved: reload the page to see theirs.")];
        }

        var errors = ActionRules.Check(input, Today, action.Deadline);
        if (errors.Count > 0)
        {
            return errors;
        }

        var log = new List<ChangeLogEntry>();
        Apply(action, input, new Actor(userId, Now), log);
        action.Version++;
        db.ChangeLog.AddRange(log);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return [new("", "Someone else changed this action while you were editing it. Your changes have not been saved: reload the page to see theirs.")];
        }

        return [];
    }

    private static void Apply(PlanAction action, ActionInput input, Actor actor, List<ChangeLogEntry> log)
    {
        void Set(string field, string? old, string? value, Action apply)
        {
            if (old != value)
            {
                apply();
                if (action.Id != 0)
                {
                    log.Add(new ChangeLogEntry
                    {
                        At = actor.At, UserId = actor.UserId, EntityType = "PlanAction",
                        EntityId = action.Id.ToString(CultureInfo.InvariantCulture), Field = field, OldValue = old, NewValue = value,
                    });
                }
            }
        }

        static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var deadline = input.Deadline.Parse().Date!.Value;
        var by = input.SuccessIndicatorsBy.Parse().Date;
        var completed = input.CompletedOn.Parse().Date;
        Rag? rag = Enum.TryParse<Rag>(input.Rag, out var r) ? r : null;
        Set("SpecificAction", action.SpecificAction, ReturnService.Normalise(input.SpecificAction), () => action.SpecificAction = ReturnService.Normalise(input.SpecificAction)!);
        Set("Deadline", D(action.Deadline), D(deadline), () => action.Deadline = deadline);
        Set("LeadOrganisation", action.LeadOrganisation, ReturnService.Normalise(input.LeadOrganisation), () => action.LeadOrganisation = ReturnService.Normalise(input.LeadOrganisation)!);
        Set("AccountablePerson", action.AccountablePerson, ReturnService.Normalise(input.AccountablePerson), () => action.AccountablePerson = ReturnService.Normalise(input.AccountablePerson)!);
        Set("SuccessIndicators", action.SuccessIndicators, ReturnService.Normalise(input.SuccessIndicators), () => action.SuccessIndicators = ReturnService.Normalise(input.SuccessIndicators)!);
        Set("SuccessIndicatorsBy", D(action.SuccessIndicatorsBy), D(by), () => action.SuccessIndicatorsBy = by);
        Set("ImpactAndEvidence", action.ImpactAndEvidence, ReturnService.Normalise(input.ImpactAndEvidence), () => action.ImpactAndEvidence = ReturnService.Normalise(input.ImpactAndEvidence));
        Set("CompletedOn", D(action.CompletedOn), D(completed), () => action.CompletedOn = completed);
        // After the evidence, so Green is judged against what is being saved.
        Set("Rag", action.Rag?.ToString(), rag?.ToString(), () => action.SetRag(rag, actor));
        action.UpdatedAt = actor.At;
        action.UpdatedById = actor.UserId;
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

        if (!Enum.TryParse<MonitoringKind>(kind, out var parsedKind) || !Enum.IsDefined(parsedKind))
        {
            errors.Add(new("Kind", "Select whether this is progress, a risk or an additional action"));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("Text", "Enter what happened"));
        }
        else if (text.Length > Return.MaxTextLength)
        {
            errors.Add(new("Text", $"The entry must be {Return.MaxTextLength:N0} characters or fewer"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        // The entry itself is the record (dated, with its author), and is never changed afterwards.
        db.MonitoringEntries.Add(new MonitoringEntry
        {
            PlanActionId = actionId, EntryDate = entryDate!.Value, Kind = parsedKind, Text = ReturnService.Normalise(text)!, RecordedAt = Now, AuthorId = userId,
        });
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Removes an action; the actions after it close up (1.3 becomes 1.2).</summary>
    public async Task DeleteActionAsync(int actionId, string userId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var action = await db.PlanActions.SingleAsync(x => x.Id == actionId, ct);
        await db.MonitoringEntries.Where(m => m.PlanActionId == actionId).ExecuteDeleteAsync(ct);
        db.PlanActions.Remove(action);
        Log(userId, "PlanAction", actionId, "Deleted", action.SpecificAction, null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Removes an improvement area and its actions; later areas close up (3 becomes 2).</summary>
    public async Task DeleteAreaAsync(int areaId, string userId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await db.ImprovementAreas.Where(a => a.Id == areaId).Select(a => a.Outcome).SingleAsync(ct);
        var actionIds = await db.PlanActions.Where(x => x.ImprovementAreaId == areaId).Select(x => x.Id).ToListAsync(ct);
        await db.MonitoringEntries.Where(m => actionIds.Contains(m.PlanActionId)).ExecuteDeleteAsync(ct);
        await db.PlanActions.Where(x => x.ImprovementAreaId == areaId).ExecuteDeleteAsync(ct);
        await db.ImprovementAreas.Where(a => a.Id == areaId).ExecuteDeleteAsync(ct);
        Log(userId, "ImprovementArea", areaId, "Deleted", outcome, null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
