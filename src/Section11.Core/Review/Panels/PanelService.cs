using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.Review.Panels;

/// <summary>A panel in the round's list.</summary>
public sealed record PanelSummary(int Id, string Title, DateOnly HeldOn, string Place, int Agencies, int Outcomes);

/// <summary>The round's panels page.</summary>
public sealed record PanelList(string RoundTitle, IReadOnlyList<PanelSummary> Panels);

/// <summary>An agency the panel sees, with its outcome once recorded (and the agreed grade's label).</summary>
public sealed record PanelAgencyLine(int ReceiptId, string AgencyName, int? ReturnId, PanelOutcome? Outcome, string? GradeLabel);

/// <summary>A standard of the round's framework, as the outcome grades it.</summary>
public sealed record PanelStandard(int Number, string Title);

/// <summary>The panel page: when and where, who sits on it, the agencies it sees, and the standards each outcome may grade.</summary>
public sealed record PanelPage(
    int Id, int RoundId, string RoundTitle, string PartnershipName, string Title, DateOnly HeldOn, string Place,
    IReadOnlyList<Reviewer> Members, IReadOnlyList<PanelAgencyLine> Agencies, IReadOnlyList<PanelStandard> Standards,
    IReadOnlyList<ScaleLevelDefinition> Scale)
{
    public string Source => ChallengePanel.Source(HeldOn, PartnershipName);

    /// <summary>A level's label on the moderation scale (the key itself if the scale no longer has it).</summary>
    public string Label(string key) => Scale.FirstOrDefault(l => l.Key == key)?.Label ?? key;
}

/// <summary>One standard on the outcome form: the agency's self evaluation and the reviewer's moderated grade (labels), if any.</summary>
public sealed record OutcomeStandard(int Number, string Title, string? SelfGrade, string? ModeratedGrade);

/// <summary>What the schedule page offers: the partnership's reviewers and administrators, and the round's returns.</summary>
public sealed record PanelChoices(string RoundTitle, IReadOnlyList<Reviewer> People, IReadOnlyList<(int ReceiptId, string AgencyName)> Agencies);

/// <summary>One agency's outcome page: the panel, the agency, and the moderation scale the grade is agreed on.</summary>
public sealed record OutcomePage(PanelPage Panel, PanelAgencyLine Agency, IReadOnlyList<ScaleLevelDefinition> Scale, IReadOnlyList<OutcomeStandard> Standards);

/// <summary>Challenge panels of a round: scheduling, each agency's outcome (its actions into the action plan), and the pre-read pack.</summary>
public sealed partial class PanelService(Section11DbContext db, FrameworkCatalog catalog, ReturnService returns, Reporting.ReturnReportService reports, ActionPlanService plans, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The round's panels, soonest first.</summary>
    public async Task<PanelList> ListAsync(int roundId, CancellationToken ct = default) =>
        new(await db.Rounds.Where(r => r.Id == roundId).Select(r => r.Title).SingleAsync(ct),
            await db.ChallengePanels.AsNoTracking().Where(p => p.RoundId == roundId)
                .OrderBy(p => p.HeldOn).ThenBy(p => p.Id)
                .Select(p => new PanelSummary(p.Id, p.Title, p.HeldOn, p.Place, p.Agencies.Count, db.PanelOutcomes.Count(o => o.ChallengePanelId == p.Id)))
                .ToListAsync(ct));

    public async Task<PanelChoices> GetChoicesAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.Title, r.PartnershipId }).SingleAsync(ct);
        var people = await (from u in db.Users
                            where db.RoleAssignments.Any(r => r.UserId == u.Id && r.PartnershipId == round.PartnershipId && ReviewService.ReviewerRoles.Contains(r.Role))
                            orderby u.DisplayName, u.Email
                            select new Reviewer(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        // Only agencies with a return to read: a receipt still waiting for the agency has nothing to put in the pack.
        var agencies = await db.Receipts.AsNoTracking().Where(x => x.RoundId == roundId && x.ReturnId != null)
            .OrderBy(x => x.Agency.Name).Select(x => new { x.Id, x.Agency.Name }).ToListAsync(ct);
        return new(round.Title, people, [.. agencies.Select(a => (a.Id, a.Name))]);
    }

    /// <summary>Schedules a panel; nothing is saved while anything is wrong.</summary>
    public async Task<(int? Id, IReadOnlyList<FieldError> Errors)> ScheduleAsync(int roundId, PanelInput input, string userId, CancellationToken ct = default)
    {
        var choices = await GetChoicesAsync(roundId, ct);
        var (errors, values) = PanelRules.Check(input, DateOnly.FromDateTime(Now),
            choices.People.Select(p => p.UserId).ToHashSet(), choices.Agencies.Select(a => a.ReceiptId).ToHashSet());
        if (values is null)
        {
            return (null, errors);
        }

        var actor = new Actor(userId, Now);
        var panel = ChallengePanel.Schedule(roundId, values, actor);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ChallengePanels.Add(panel);
        await db.SaveChangesAsync(ct);
        db.ChangeLog.AddRange(panel.Scheduled(actor));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (panel.Id, []);
    }

    /// <summary>The panel, if it is one of the round's.</summary>
    public async Task<PanelPage?> GetAsync(int roundId, int panelId, CancellationToken ct = default)
    {
        var panel = await db.ChallengePanels.AsNoTracking().Where(p => p.Id == panelId && p.RoundId == roundId)
            .Select(p => new { p.Id, p.Title, p.HeldOn, p.Place, Round = p.RoundId, RoundTitle = db.Rounds.Where(r => r.Id == p.RoundId).Select(r => r.Title).Single(),
                Partnership = db.Rounds.Where(r => r.Id == p.RoundId).Select(r => r.Partnership.Name).Single() })
            .SingleOrDefaultAsync(ct);
        if (panel is null)
        {
            return null;
        }

        var members = await (from m in db.PanelMembers
                             join u in db.Users on m.UserId equals u.Id
                             where m.ChallengePanelId == panelId
                             orderby u.DisplayName, u.Email
                             select new Reviewer(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        var agencies = await (from a in db.PanelAgencies
                              join x in db.Receipts on a.ReceiptId equals x.Id
                              where a.ChallengePanelId == panelId
                              orderby x.Agency.Name
                              select new { x.Id, x.Agency.Name, x.ReturnId }).ToListAsync(ct);
        var outcomes = await db.PanelOutcomes.AsNoTracking().Include(o => o.Actions.OrderBy(x => x.Position))
            .Include(o => o.Grades.OrderBy(g => g.StandardNumber)).AsSplitQuery().Where(o => o.ChallengePanelId == panelId).ToListAsync(ct);
        var framework = await catalog.GetForRoundAsync(db, roundId, ct);
        var scale = ModerationRules.Scale(framework.Definition);
        return new(panel.Id, panel.Round, panel.RoundTitle, panel.Partnership, panel.Title, panel.HeldOn, panel.Place, members,
            [.. agencies.Select(a =>
            {
                var outcome = outcomes.SingleOrDefault(o => o.ReceiptId == a.Id);
                return new PanelAgencyLine(a.Id, a.Name, a.ReturnId, outcome, scale.FirstOrDefault(l => l.Key == outcome?.AgreedGrade)?.Label);
            })],
            [.. framework.Standards.DistinctBy(s => s.Number).Select(s => new PanelStandard(s.Number, s.Title))], scale);
    }

    /// <summary>One agency's outcome page; null when the panel is not the round's or does not see that receipt.</summary>
    public async Task<OutcomePage?> GetOutcomeAsync(int roundId, int panelId, int receiptId, CancellationToken ct = default)
    {
        var panel = await GetAsync(roundId, panelId, ct);
        var agency = panel?.Agencies.SingleOrDefault(a => a.ReceiptId == receiptId);
        if (agency is null)
        {
            return null;
        }

        // Beside each standard: the agency's own evaluation (on the framework's scale) and the reviewer's moderated one.
        var framework = await catalog.GetForRoundAsync(db, roundId, ct);
        var self = agency.ReturnId is { } returnId
            ? await db.StandardEvaluations.AsNoTracking().Where(e => e.ReturnId == returnId && e.Rating != null)
                .Select(e => new { e.StandardId, e.Rating }).ToDictionaryAsync(e => e.StandardId, e => e.Rating!, ct)
            : new Dictionary<int, string>();
        var moderated = await db.ModeratedRatings.AsNoTracking().Where(m => m.ReceiptId == receiptId && m.ItemId == null)
            .Select(m => new { m.StandardId, m.Rating }).ToDictionaryAsync(m => m.StandardId, m => m.Rating, ct);
        string? Own(string? key) => key is null ? null : framework.Definition.Scale.Levels.FirstOrDefault(l => l.Key == key)?.Label ?? key;
        var standards = panel!.Standards.Select(s => framework.FindStandard(s.Number, roundId) is { } standard
            ? new OutcomeStandard(s.Number, s.Title, Own(self.GetValueOrDefault(standard.Id)),
                moderated.GetValueOrDefault(standard.Id) is { } m ? panel.Label(m) : null)
            : new OutcomeStandard(s.Number, s.Title, null, null)).ToList();
        return new(panel, agency, panel.Scale, standards);
    }

    /// <summary>
    /// Records (or records again) the panel's outcome for one agency. Each action required becomes an improvement area in
    /// the agency's action plan whose source names the panel; recording again updates those areas rather than adding
    /// more. The outcome, its actions, the areas and every change-log row are saved in one transaction.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> RecordOutcomeAsync(int roundId, int panelId, int receiptId, OutcomeInput input, string userId, CancellationToken ct = default)
    {
        var page = await GetOutcomeAsync(roundId, panelId, receiptId, ct);
        if (page is null)
        {
            return [new("", "This agency is not on this panel.")];
        }

        var (errors, values) = PanelRules.Check(input, page.Scale, page.Panel.HeldOn, [.. page.Standards.Select(s => s.Number)]);
        if (values is null)
        {
            return errors;
        }

        var actor = new Actor(userId, Now);
        var log = new List<ChangeLogEntry>();
        var outcome = await db.PanelOutcomes.Include(o => o.Actions).Include(o => o.Grades).AsSplitQuery().SingleOrDefaultAsync(o => o.ChallengePanelId == panelId && o.ReceiptId == receiptId, ct);
        var isNew = outcome is null;
        outcome ??= new PanelOutcome { ChallengePanelId = panelId, ReceiptId = receiptId, AgreedGrade = "", RecordedById = userId };
        outcome.Update(values, actor, log);

        // Actions are matched by position: line 1 stays line 1, so its improvement area is the same area.
        var kept = outcome.Actions.OrderBy(a => a.Position).ThenBy(a => a.Id).ToList();
        var dropped = kept.Skip(values.Actions.Count).ToList();
        var agencyId = await db.Receipts.Where(x => x.Id == receiptId).Select(x => x.AgencyId).SingleAsync(ct);
        var areas = await plans.StageSourcedAreasAsync(agencyId, roundId, page.Panel.Source,
            [.. values.Actions.Select((a, i) => new SourcedArea(i < kept.Count ? kept[i].ImprovementAreaId : null, PanelOutcomeAction.AreaOutcome(a.Text, a.DueOn)))],
            [.. dropped.Select(a => a.ImprovementAreaId).OfType<int>()], actor, log, ct);
        var actions = new List<(PanelOutcomeAction Row, string? OldText, string? OldDue)>();
        for (var i = 0; i < values.Actions.Count; i++)
        {
            var (text, due) = values.Actions[i];
            var row = i < kept.Count ? kept[i] : new PanelOutcomeAction { Position = i + 1, Text = "" };
            actions.Add((row, i < kept.Count ? row.Text : null, i < kept.Count ? Date(row.DueOn) : null));
            (row.Text, row.DueOn, row.ImprovementArea) = (text, due, areas[i]);
            if (i >= kept.Count)
            {
                outcome.Actions.Add(row);
            }
        }

        foreach (var row in dropped)
        {
            log.Add(ChangeRecorder.Entry(actor, nameof(PanelOutcomeAction), row.Id, "Deleted", $"{row.Text} (due {Date(row.DueOn)})", null));
            db.PanelOutcomeActions.Remove(row);
        }

        var newAreas = areas.Where(a => a.Id == 0).ToList();
        if (isNew)
        {
            db.PanelOutcomes.Add(outcome);
        }

        // New rows get their ids from the insert: their change-log rows follow in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (isNew)
        {
            log = [.. log.Select(e => e.EntityType == nameof(PanelOutcome) ? ChangeRecorder.Entry(actor, nameof(PanelOutcome), outcome.Id, e.Field, e.OldValue, e.NewValue) : e)];
        }

        db.ChangeLog.AddRange(log);
        db.ChangeLog.AddRange(newAreas.Select(a => ActionPlanService.SourcedAreaCreated(a, actor)));
        foreach (var (row, oldText, oldDue) in actions)
        {
            if (oldText != row.Text)
            {
                db.Record(actor, nameof(PanelOutcomeAction), row.Id, nameof(PanelOutcomeAction.Text), oldText, row.Text);
            }

            if (oldDue != Date(row.DueOn))
            {
                db.Record(actor, nameof(PanelOutcomeAction), row.Id, nameof(PanelOutcomeAction.DueOn), oldDue, Date(row.DueOn));
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
