using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Web.Tests.Support;

/// <summary>
/// An agency with a submitted primary-care return (1.1 and 1.2 of standard 1, and 2.1, below the threshold), one
/// improvement area holding 1.1 with one action, and people who can sign in: its lead (also its signatory) and an
/// administrator of its partnership. Built through the services, so a test starts where the journey tests end.
/// </summary>
public sealed record ActionPlanSetup(
    string LeadEmail, string AdminEmail, int AgencyId, int PartnershipId, int RoundId, int ReturnId, int AreaId, int ActionId,
    IReadOnlyList<int> WaitingAnswerIds, int CitedAnswerId)
{
    public static async Task<ActionPlanSetup> CreateAsync(Section11Factory factory)
    {
        var catalog = new FrameworkCatalog();
        var time = new FixedTime(DateTimeOffset.UtcNow);
        var (summary, serviceUser) = await SubmittedReturns.SubmittedAsync(factory.Database, catalog, time);
        await using var db = factory.Database.CreateContext();
        var plans = new ActionPlanService(db, catalog, time);
        var offered = await plans.GetSuggestionsAsync(summary);
        var (_, errors) = await plans.AddFromReturnAsync(summary, [new(offered[0].AnswerId, true, null, "Every member of staff can name the lead")], serviceUser);
        Assert.Empty(errors);
        var areaId = (await plans.GetPlanAsync(summary.AgencyId)).Single().Id;
        var (actionId, added) = await plans.AddActionAsync(areaId, new ActionInput("Brief all staff", new DateInput("31", "1", "2030"), "The practice",
            "Dr Anna Green", "95% name the lead", new DateInput("28", "2", "2030"), null, "Amber", DateInput.Empty), serviceUser);
        Assert.Empty(added);

        var lead = await factory.CreatePersonAsync(Role.AgencyLead, summary.AgencyId, name: "Sam Lead");
        await factory.GrantAsync(lead.UserId, Role.SeniorSignatory, summary.AgencyId);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: summary.Receipts[0].PartnershipId, name: "Ada Admin");
        return new(lead.Email, admin.Email, summary.AgencyId, summary.Receipts[0].PartnershipId, summary.Receipts[0].RoundId, summary.Id, areaId, actionId!.Value,
            [.. offered.Skip(1).Select(o => o.AnswerId)], offered[0].AnswerId);
    }

    /// <summary>What the plan holds now, to show a forged form saved nothing.</summary>
    public async Task<string> SnapshotAsync(Section11Factory factory)
    {
        await using var db = factory.Database.CreateContext();
        var areas = await db.ImprovementAreas.AsNoTracking().Where(a => a.AgencyId == AgencyId).Include(a => a.Actions).ThenInclude(x => x.Monitoring).ToListAsync();
        var actionIds = areas.SelectMany(a => a.Actions).Select(x => x.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var logged = await db.ChangeLog.CountAsync(c => c.EntityType == "PlanAction" && actionIds.Contains(c.EntityId));
        var round = await db.Rounds.AsNoTracking().Where(r => r.PartnershipId == PartnershipId).Select(r => r.Id).ToListAsync();
        var ret = await db.Returns.AsNoTracking().SingleAsync(r => r.Id == ReturnId);
        return string.Join(" | ", areas.Select(a => $"{a.Id}:{string.Join(",", a.SourceAnswerIds)}:{a.Outcome}:"
            + string.Join(";", a.Actions.Select(x => $"{x.Id}/{x.Version}/{x.Rag}/{x.SpecificAction}/{x.LeadOrganisation}/{x.Deadline}/{x.CompletedOn}/{x.Monitoring.Count}"))))
            + $" | log {logged} | rounds {string.Join(",", round)} | return {ret.Status}/{ret.Revision}";
    }
}
