using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.ActionPlans;

/// <summary>The plan's upkeep rules against a real database (SQLite or PostgreSQL).</summary>
[Trait("Category", "Operations")]
public sealed class PlanUpkeepTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private async Task<(int AgencyId, string User)> AgencyAsync()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
        return (created.AgencyId, await TestData.CreateUserAsync(db, created.AgencyId));
    }

    [Fact]
    public async Task An_area_added_by_hand_needs_a_source_and_an_outcome_within_their_limits_and_comes_last()
    {
        var (agencyId, user) = await AgencyAsync();
        await using var db = database.CreateContext();
        var plans = new ActionPlanService(db, _catalog, _time);

        var (none, errors) = await plans.AddAreaAsync(agencyId, new AreaInput("", " "), user);
        Assert.Null(none);
        Assert.Equal(["Source", "Outcome"], errors.Select(e => e.Key));
        Assert.Equal("Where it comes from must be 300 characters or fewer",
            Assert.Single((await plans.AddAreaAsync(agencyId, new AreaInput(new string('x', 301), "Outcome"), user)).Errors).Message);
        Assert.Equal(0, await db.ImprovementAreas.CountAsync(a => a.AgencyId == agencyId));

        // At the limit it is saved (on PostgreSQL this proves the column holds it), then removed for what follows.
        var (longest, _) = await plans.AddAreaAsync(agencyId, new AreaInput(new string('x', 300), "Outcome"), user);
        await plans.DeleteAreaAsync(longest!.Value, user);

        var (first, _) = await plans.AddAreaAsync(agencyId, new AreaInput("  Serious case review: Child J ", "Staff escalate"), user);
        var (second, _) = await plans.AddAreaAsync(agencyId, new AreaInput("Inspection, 2026", "Records complete"), user);
        var plan = PlanNumbering.Number(await plans.GetPlanAsync(agencyId));
        Assert.Equal([(first!.Value, "1", "Serious case review: Child J"), (second!.Value, "2", "Inspection, 2026")],
            plan.Select(a => (a.Area.Id, a.Number, a.Area.OverarchingStandard)));
        Assert.False(plan[0].Area.IsFromReturn);

        // It belongs to no round, so a partnership's view of the plan leaves it out.
        Assert.Empty(await plans.GetPlanAsync(agencyId, PlanScope.OfPartnerships([1, 2, 3])));
    }

    [Fact]
    public async Task Moving_renumbers_and_stops_at_either_end()
    {
        var (agencyId, user) = await AgencyAsync();
        await using var db = database.CreateContext();
        var plans = new ActionPlanService(db, _catalog, _time);
        var ids = new List<int>();
        foreach (var name in new[] { "A", "B", "C" })
        {
            ids.Add((await plans.AddAreaAsync(agencyId, new AreaInput(name, name), user)).Id!.Value);
        }

        await plans.MoveAreaAsync(ids[2], up: true, user);
        await plans.MoveAreaAsync(ids[0], up: true, user);
        await plans.MoveAreaAsync(ids[1], up: false, user);
        db.ChangeTracker.Clear();
        Assert.Equal(["A", "C", "B"], PlanNumbering.Number(await plans.GetPlanAsync(agencyId)).Select(a => a.Area.Outcome));
        Assert.Equal([1, 2, 3], (await db.ImprovementAreas.Where(a => a.AgencyId == agencyId).OrderBy(a => a.Position).Select(a => a.Position).ToListAsync()));
    }

    [Fact]
    public async Task Deleting_an_area_deletes_its_actions_and_monitoring_and_keeps_what_they_said_in_the_change_log()
    {
        var (agencyId, user) = await AgencyAsync();
        await using var db = database.CreateContext();
        var plans = new ActionPlanService(db, _catalog, _time);
        var areaId = (await plans.AddAreaAsync(agencyId, new AreaInput("Serious case review: Child J", "Staff escalate"), user)).Id!.Value;
        var (actionId, errors) = await plans.AddActionAsync(areaId, new ActionInput("Brief all staff", new DateInput("31", "1", "2027"), "The practice",
            "Dr Anna Green", "Staff briefed", new DateInput("28", "2", "2027"), null, "Amber", DateInput.Empty), user);
        Assert.Empty(errors);
        Assert.Empty(await plans.AddMonitoringAsync(actionId!.Value, new DateInput("20", "11", "2026"), "Progress", "Half briefed", user));

        await plans.DeleteAreaAsync(areaId, user);

        Assert.False(await db.ImprovementAreas.AnyAsync(a => a.Id == areaId));
        Assert.False(await db.PlanActions.AnyAsync(a => a.Id == actionId));
        Assert.False(await db.MonitoringEntries.AnyAsync(m => m.PlanActionId == actionId));
        var rows = await db.ChangeLog.Where(c => c.Field == "Deleted").Select(c => new { c.EntityType, c.EntityId, c.OldValue, c.UserId }).ToListAsync();
        Assert.Contains(rows, r => r.EntityType == "PlanAction" && r.OldValue == "Brief all staff (deadline 2027-01-31, Dr Anna Green, The practice; RAG Amber)" && r.UserId == user);
        Assert.Contains(rows, r => r.EntityType == "ImprovementArea" && r.OldValue == "Serious case review: Child J: Staff escalate");
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == "MonitoringEntry" && c.NewValue!.Contains("Half briefed")));
    }

    [Fact]
    public void The_success_indicators_timescale_is_required()
    {
        var errors = ActionRules.Check(new ActionInput("Brief all staff", new DateInput("31", "1", "2027"), "The practice", "Dr Anna Green", "Staff briefed",
            DateInput.Empty, null, null, DateInput.Empty), DateOnly.FromDateTime(Now.UtcDateTime));
        Assert.Equal("Enter the success indicators timescale: when you will measure them", Assert.Single(errors).Message);
    }
}
