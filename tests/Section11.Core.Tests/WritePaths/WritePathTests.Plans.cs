using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The action plan's cases: areas from a submitted return, their actions and the actions' monitoring.</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> PlanCases() => new()
    {
        ["ActionPlanService.CreateAreasAsync"] = async (t, db, _) =>
        {
            var (summary, user) = await SubmittedReturns.SubmittedAsync(t.Database, t._catalog, t._time);
            var plans = new ActionPlanService(db, t._catalog, t._time);
            var offered = await plans.GetSuggestionsAsync(summary);
            Assert.Empty(await plans.CreateAreasAsync(summary, [new([offered[0].AnswerId, offered[1].AnswerId], "A named safeguarding lead"), new([offered[2].AnswerId], "Staff trained")], user));
        },
        ["ActionPlanService.AddFromReturnAsync"] = async (t, db, _) =>
        {
            var (summary, user) = await SubmittedReturns.SubmittedAsync(t.Database, t._catalog, t._time);
            var plans = new ActionPlanService(db, t._catalog, t._time);
            var offered = await plans.GetSuggestionsAsync(summary);
            var (added, errors) = await plans.AddFromReturnAsync(summary,
                [new(offered[0].AnswerId, true, null, "A named safeguarding lead"), new(offered[1].AnswerId, true, offered[0].AnswerId, null), new(offered[2].AnswerId, true, null, "Staff trained")], user);
            Assert.Empty(errors);
            Assert.Equal(2, added);
        },
        ["ActionPlanService.AddActionAsync"] = async (t, db, _) =>
        {
            var (areaId, user) = await t.AreaAsync();
            var (actionId, errors) = await new ActionPlanService(db, t._catalog, t._time).AddActionAsync(areaId, Smart(), user);
            Assert.Empty(errors);
            Assert.NotNull(actionId);
        },
        ["ActionPlanService.UpdateActionAsync"] = async (t, db, _) =>
        {
            var (actionId, user) = await t.ActionAsync();
            var version = await db.PlanActions.Where(x => x.Id == actionId).Select(x => x.Version).SingleAsync();
            Assert.Empty(await new ActionPlanService(db, t._catalog, t._time).UpdateActionAsync(actionId, version,
                Smart("Brief all reception and nursing staff on the safeguarding policy", rag: "Amber"), user));
        },
        ["ActionPlanService.AddMonitoringAsync"] = async (t, db, _) =>
        {
            var (actionId, user) = await t.ActionAsync();
            Assert.Empty(await new ActionPlanService(db, t._catalog, t._time).AddMonitoringAsync(actionId, new DateInput("20", "11", "2026"), "Progress",
                "Half of the reception staff briefed", user));
        },
        ["ActionPlanService.AddAreaAsync"] = async (t, db, _) =>
        {
            var (_, user) = await t.AreaAsync();
            var agencyId = await db.ImprovementAreas.Select(a => a.AgencyId).FirstAsync();
            var (id, errors) = await new ActionPlanService(db, t._catalog, t._time).AddAreaAsync(agencyId, new AreaInput("Serious case review: Child J", "Staff know how to escalate"), user);
            Assert.Empty(errors);
            Assert.NotNull(id);
        },
        ["ActionPlanService.UpdateAreaAsync"] = async (t, db, _) =>
        {
            var (areaId, user) = await t.AreaAsync();
            Assert.Empty(await new ActionPlanService(db, t._catalog, t._time).UpdateAreaAsync(areaId, new AreaInput(null, "A named lead known to all staff"), user));
        },
        ["ActionPlanService.DeleteAreaAsync"] = async (t, db, _) =>
        {
            var (actionId, user) = await t.ActionAsync();
            var areaId = await db.PlanActions.Where(x => x.Id == actionId).Select(x => x.ImprovementAreaId).SingleAsync();
            await new ActionPlanService(db, t._catalog, t._time).DeleteAreaAsync(areaId, user);
        },
        ["ActionPlanService.DeleteActionAsync"] = async (t, db, _) =>
        {
            var (actionId, user) = await t.ActionAsync();
            await new ActionPlanService(db, t._catalog, t._time).DeleteActionAsync(actionId, user);
        },
        ["ActionPlanService.MoveAreaAsync"] = async (t, db, _) =>
        {
            var (areaId, user) = await t.AreaAsync();
            var agencyId = await db.ImprovementAreas.Where(a => a.Id == areaId).Select(a => a.AgencyId).SingleAsync();
            var plans = new ActionPlanService(db, t._catalog, t._time);
            Assert.Empty((await plans.AddAreaAsync(agencyId, new AreaInput("Inspection, 2026", "Records complete"), user)).Errors);
            await plans.MoveAreaAsync(areaId, up: false, user);
        },
        ["ActionPlanService.MoveActionAsync"] = async (t, db, _) =>
        {
            var (actionId, user) = await t.ActionAsync();
            var areaId = await db.PlanActions.Where(x => x.Id == actionId).Select(x => x.ImprovementAreaId).SingleAsync();
            var plans = new ActionPlanService(db, t._catalog, t._time);
            Assert.Empty((await plans.AddActionAsync(areaId, Smart("Audit the register"), user)).Errors);
            await plans.MoveActionAsync(actionId, up: false, user);
        },
    };

    private static ActionInput Smart(string action = "Brief all reception staff on the safeguarding policy", string? rag = null) =>
        new(action, new DateInput("31", "1", "2027"), "Riverside Medical Practice", "Dr Anna Green, safeguarding lead",
            "Every reception staff member signs the briefing record", new DateInput("28", "2", "2027"), null, rag, DateInput.Empty);

    /// <summary>An improvement area from a submitted return's first gap.</summary>
    private async Task<(int AreaId, string User)> AreaAsync()
    {
        var (summary, user) = await SubmittedReturns.SubmittedAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var plans = new ActionPlanService(db, _catalog, _time);
        var offered = await plans.GetSuggestionsAsync(summary);
        Assert.Empty(await plans.CreateAreasAsync(summary, [new([offered[0].AnswerId], "A named safeguarding lead")], user));
        return ((await plans.GetPlanAsync(summary.AgencyId)).Single().Id, user);
    }

    private async Task<(int ActionId, string User)> ActionAsync()
    {
        var (areaId, user) = await AreaAsync();
        await using var db = database.CreateContext();
        var (actionId, errors) = await new ActionPlanService(db, _catalog, _time).AddActionAsync(areaId, Smart(), user);
        Assert.Empty(errors);
        return (actionId!.Value, user);
    }
}
