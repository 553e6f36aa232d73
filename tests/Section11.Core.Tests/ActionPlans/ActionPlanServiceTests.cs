using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.ActionPlans;

/// <summary>The action plan rules of seed 000, against a real database (SQLite or PostgreSQL).</summary>
public sealed class ActionPlanServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private ActionPlanService Service(Section11.Core.Data.Section11DbContext db) => new(db, _catalog, _time);

    private static ActionInput Smart(string action = "Brief all reception staff on the safeguarding policy", string? rag = null, string? evidence = null) =>
        new(action, new DateInput("31", "1", "2027"), "Riverside Medical Practice", "Dr Anna Green, safeguarding lead",
            "Every reception staff member signs the briefing record", new DateInput("28", "2", "2027"), evidence, rag, DateInput.Empty);

    /// <summary>A submitted primary-care return with 1.1 and 1.2 Not met, 2.1 Partially met, the rest Fully met.</summary>
    private async Task<(ReturnSummary Summary, string User)> SubmittedReturnAsync()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
        var user = await TestData.CreateUserAsync(db, created.AgencyId);
        var returns = new ReturnService(db, _catalog, _time);
        var framework = await _catalog.GetForRoundAsync(db, (await returns.GetSummaryAsync(created.ReturnId))!.Receipts[0].RoundId);
        string Rating(string number) => number switch { "1.1" or "1.2" => "not-met", "2.1" => "partially-met", _ => "fully-met" };
        foreach (var standard in framework.Standards)
        {
            var input = new StandardInput(0,
                [.. standard.Items.Select(i => new AnswerValues(i.Id, Rating(i.Number), "Evidence", Rating(i.Number) == "fully-met" ? null : $"Fix {i.Number}",
                    Rating(i.Number) == "fully-met" ? DateInput.Empty : new DateInput("1", "3", "2027")))],
                new EvaluationValues("partially-met", "Statement"));
            Assert.Equal(SaveOutcome.Saved, (await returns.SaveStandardAsync((await returns.GetSummaryAsync(created.ReturnId))!, standard.Number, input, complete: true, user)).Outcome);
        }

        Assert.Empty(await returns.SubmitAsync(created.ReturnId, new SignOffInput("Dr A", "Partner", "Practice", new DateInput("22", "11", "2026"), true), user));
        return ((await returns.GetSummaryAsync(created.ReturnId))!, user);
    }

    [Fact]
    public async Task Items_below_the_threshold_of_a_submitted_return_are_offered_pre_filled_and_can_be_merged()
    {
        var (summary, user) = await SubmittedReturnAsync();
        await using var db = database.CreateContext();
        var service = Service(db);

        var offered = await service.GetSuggestionsAsync(summary);
        Assert.Equal(["1.1", "1.2", "2.1"], offered.Select(s => s.ItemNumber));
        Assert.Equal(("Not met", "Fix 1.1", new DateOnly(2027, 3, 1)), (offered[0].RatingLabel, offered[0].ActionRequired, offered[0].Timescale));
        Assert.Equal("Partially met", offered[2].RatingLabel);

        var acrossStandards = await service.CreateAreasAsync(summary, [new([offered[1].AnswerId, offered[2].AnswerId], "One outcome")], user);
        Assert.Equal("Only items from the same standard can be merged into one improvement area", Assert.Single(acrossStandards).Message);
        Assert.Equal("Enter the desired outcome for 2.1", Assert.Single(await service.CreateAreasAsync(summary, [new([offered[2].AnswerId], " ")], user)).Message);

        Assert.Empty(await service.CreateAreasAsync(summary, [new([offered[0].AnswerId, offered[1].AnswerId], "A named, trained safeguarding lead known to all staff")], user));
        Assert.Equal(["2.1"], (await service.GetSuggestionsAsync(summary)).Select(s => s.ItemNumber));

        var area = Assert.Single(await service.GetPlanAsync(summary.AgencyId));
        Assert.Equal($"Standard 1, {summary.RoundTitle}", area.OverarchingStandard);
        Assert.Equal([offered[0].AnswerId, offered[1].AnswerId], area.SourceAnswerIds);
    }

    [Fact]
    public async Task A_draft_return_offers_nothing()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018");
        var summary = (await new ReturnService(db, _catalog, _time).GetSummaryAsync(created.ReturnId))!;
        Assert.Empty(await Service(db).GetSuggestionsAsync(summary));
    }

    [Theory]
    [InlineData("SpecificAction", "Enter the specific action")]
    [InlineData("Deadline", "Enter a deadline: every action must have one")]
    [InlineData("AccountablePerson", "Enter the named professional accountable for the action")]
    [InlineData("LeadOrganisation", "Enter the organisation with lead responsibility")]
    [InlineData("SuccessIndicators", "Enter at least one success indicator: how you will know the action worked")]
    public void An_action_that_is_not_SMART_is_refused_with_what_is_missing(string field, string message)
    {
        var input = Smart();
        input = field switch
        {
            "SpecificAction" => input with { SpecificAction = "" },
            "Deadline" => input with { Deadline = DateInput.Empty },
            "AccountablePerson" => input with { AccountablePerson = " " },
            "LeadOrganisation" => input with { LeadOrganisation = null },
            _ => input with { SuccessIndicators = "" },
        };
        var error = Assert.Single(ActionRules.Check(input, new DateOnly(2026, 11, 22)));
        Assert.Equal((field, message), (error.Key, error.Message));
    }

    [Fact]
    public async Task Green_is_refused_without_impact_and_evidence_and_accepted_with_it()
    {
        var (summary, user) = await SubmittedReturnAsync();
        await using var db = database.CreateContext();
        var service = Service(db);
        var offered = await service.GetSuggestionsAsync(summary);
        Assert.Empty(await service.CreateAreasAsync(summary, [new([offered[0].AnswerId], "Outcome")], user));
        var areaId = (await service.GetPlanAsync(summary.AgencyId)).Single().Id;
        var (actionId, added) = await service.AddActionAsync(areaId, Smart(rag: "Amber"), user);
        Assert.Empty(added);

        var refused = await service.UpdateActionAsync(actionId!.Value, 0, Smart(rag: "Green"), user);
        Assert.Equal(("Rag", "Record the impact and evidence before rating this action Green"), (refused[0].Key, refused[0].Message));
        await using (var check = database.CreateContext())
        {
            Assert.Equal(Rag.Amber, (await check.PlanActions.SingleAsync(x => x.Id == actionId)).Rag);
        }

        Assert.Empty(await service.UpdateActionAsync(actionId.Value, 0, Smart(rag: "Green", evidence: "Briefing record signed by all 6 reception staff (audit, January 2027)"), user));
        await using (var check = database.CreateContext())
        {
            var action = await check.PlanActions.SingleAsync(x => x.Id == actionId);
            Assert.Equal(Rag.Green, action.Rag);
            Assert.Contains(await check.ChangeLog.Where(c => c.EntityType == "PlanAction" && c.EntityId == actionId.ToString()).Select(c => c.Field).ToListAsync(), f => f == "Rag");
        }

        // The rule holds on the entity too, whatever calls it.
        var bare = new PlanAction { SpecificAction = "x", LeadOrganisation = "x", AccountablePerson = "x", SuccessIndicators = "x", UpdatedById = user };
        Assert.Equal("Record the impact and evidence before rating this action Green", bare.SetRag(Rag.Green, new Auditing.Actor(user, DateTime.UtcNow)));
        Assert.Null(bare.Rag);
    }

    [Fact]
    public void An_action_past_its_deadline_and_not_green_is_overdue()
    {
        var action = new PlanAction { SpecificAction = "x", LeadOrganisation = "x", AccountablePerson = "x", SuccessIndicators = "x", UpdatedById = "u", Deadline = new DateOnly(2026, 12, 1), Rag = Rag.Amber };
        Assert.False(action.IsOverdue(new DateOnly(2026, 12, 1)));
        Assert.True(action.IsOverdue(new DateOnly(2026, 12, 2)));
        action.Rag = Rag.Green;
        Assert.False(action.IsOverdue(new DateOnly(2027, 6, 1)));
        action.Rag = null;
        Assert.True(action.IsOverdue(new DateOnly(2026, 12, 2)));
    }

    [Fact]
    public async Task Numbering_follows_positions_and_continues_after_insertions()
    {
        var (summary, user) = await SubmittedReturnAsync();
        await using var db = database.CreateContext();
        var service = Service(db);
        var offered = await service.GetSuggestionsAsync(summary);
        Assert.Empty(await service.CreateAreasAsync(summary, [.. offered.Select(o => new AreaFromAnswers([o.AnswerId], $"Outcome {o.ItemNumber}"))], user));
        var areas = await service.GetPlanAsync(summary.AgencyId);
        foreach (var area in areas)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Empty((await service.AddActionAsync(area.Id, Smart($"{area.Outcome} action {i + 1}"), user)).Errors);
            }
        }

        string Numbers(IReadOnlyList<ImprovementArea> plan) => string.Join(" ", PlanNumbering.Number(plan)
            .SelectMany(a => a.Actions.Select(x => $"{x.Number}={x.Action.SpecificAction.Replace("Outcome ", "", StringComparison.Ordinal).Replace(" action ", "/", StringComparison.Ordinal)}")));

        Assert.Equal("1.1=1.1/1 1.2=1.1/2 1.3=1.1/3 2.1=1.2/1 2.2=1.2/2 2.3=1.2/3 3.1=2.1/1 3.2=2.1/2 3.3=2.1/3", Numbers(await service.GetPlanAsync(summary.AgencyId)));

        var plan = await service.GetPlanAsync(summary.AgencyId);
        Assert.Empty((await service.AddActionAsync(plan[0].Id, Smart("1.1 action 4"), user)).Errors);

        Assert.Equal("1.1=1.1/1 1.2=1.1/2 1.3=1.1/3 1.4=1.1/4 2.1=1.2/1 2.2=1.2/2 2.3=1.2/3 3.1=2.1/1 3.2=2.1/2 3.3=2.1/3", Numbers(await service.GetPlanAsync(summary.AgencyId)));

        // Numbers come from positions, not ids, so a gap closes up: without 1.2's second action, its third is 2.2.
        var withoutOne = await service.GetPlanAsync(summary.AgencyId);
        var second = withoutOne[1].Actions.OrderBy(a => a.Position).ElementAt(1);
        withoutOne[1].Actions.Remove(second);
        var closed = PlanNumbering.Number(withoutOne)[1].Actions[1];
        Assert.Equal(("2.2", "Outcome 1.2 action 3"), (closed.Number, closed.Action.SpecificAction));

        // Creations are in the change log with who did them.
        var log = await db.ChangeLog.Where(c => c.UserId == user && (c.EntityType == "ImprovementArea" || c.EntityType == "PlanAction")).ToListAsync();
        Assert.Equal(3, log.Count(c => c.EntityType == "ImprovementArea" && c.Field == "Created"));
        Assert.Equal(10, log.Count(c => c.EntityType == "PlanAction" && c.Field == "Created"));
    }

    [Fact]
    public async Task Monitoring_entries_are_dated_and_kept_in_order_with_their_author()
    {
        var (summary, user) = await SubmittedReturnAsync();
        await using var db = database.CreateContext();
        var service = Service(db);
        var offered = await service.GetSuggestionsAsync(summary);
        Assert.Empty(await service.CreateAreasAsync(summary, [new([offered[0].AnswerId], "Outcome")], user));
        var (actionId, _) = await service.AddActionAsync((await service.GetPlanAsync(summary.AgencyId)).Single().Id, Smart(), user);

        var errors = await service.AddMonitoringAsync(actionId!.Value, DateInput.Empty, null, "", user);
        Assert.Equal(["Enter the date of the entry: every entry must be dated", "Select whether this is progress, a risk or an additional action", "Enter what happened"], errors.Select(e => e.Message));
        Assert.Equal("Date of the entry must be today or in the past",
            Assert.Single(await service.AddMonitoringAsync(actionId.Value, new DateInput("23", "11", "2026"), "Progress", "Too early", user)).Message);

        Assert.Empty(await service.AddMonitoringAsync(actionId.Value, new DateInput("20", "11", "2026"), "Progress", "Briefing booked for 3 December", user));
        Assert.Empty(await service.AddMonitoringAsync(actionId.Value, new DateInput("21", "11", "2026"), "Risk", "Two staff on leave that week", user));

        var entries = (await service.GetPlanAsync(summary.AgencyId)).Single().Actions.Single().Monitoring.OrderBy(m => m.EntryDate).ToList();
        Assert.Equal([(MonitoringKind.Progress, "Briefing booked for 3 December"), (MonitoringKind.Risk, "Two staff on leave that week")], entries.Select(e => (e.Kind, e.Text)));
        Assert.All(entries, e => Assert.Equal(user, e.AuthorId));
    }
}
