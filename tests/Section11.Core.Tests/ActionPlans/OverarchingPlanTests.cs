using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.ActionPlans;

/// <summary>Seed 000's overarching plan: every agency's actions of a round in one, grouped by standard, without losing the source.</summary>
[Trait("Category", "Operations")]
public sealed class OverarchingPlanTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    /// <summary>
    /// Alpha: area 1 on standard 2 (1.1 Red and overdue, 1.2 Green), area 2 on standard 1 (2.1 Amber), and an area of its
    /// own with no round. Beta: area 1 on standard 1 (1.1 not rated).
    /// </summary>
    private async Task<(int RoundId, int AlphaId, int BetaId, string Prefix)> RoundAsync()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018", agencyName: $"Alpha {Guid.NewGuid():N}"[..14]);
        var roundId = await db.Receipts.Where(x => x.AgencyId == created.AgencyId).Select(x => x.RoundId).SingleAsync();
        var round = await db.Rounds.Include(r => r.FrameworkVersion).SingleAsync(r => r.Id == roundId);
        var standards = await db.Standards.Where(s => s.FrameworkVersionId == round.FrameworkVersionId && s.RoundId == null).ToDictionaryAsync(s => s.Number);
        var beta = new Agency { Name = "Beta " + round.Title[^8..], Sector = Sector.Health };
        db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = round.PartnershipId, Agency = beta });
        db.Returns.Add(TestReturns.Start(round, beta, round.FrameworkVersion, Now.UtcDateTime));
        await db.SaveChangesAsync();

        static PlanAction Action(int position, string text, DateOnly deadline, Rag? rag) => new()
        {
            Position = position, SpecificAction = text, Deadline = deadline, LeadOrganisation = "Org", AccountablePerson = "Person",
            SuccessIndicators = "Measured", SuccessIndicatorsBy = deadline, Rag = rag, ImpactAndEvidence = rag == Rag.Green ? "Done" : null, UpdatedById = "t",
        };
        ImprovementArea Area(int agencyId, int position, int? standard, string outcome, params PlanAction[] actions) => new()
        {
            AgencyId = agencyId, RoundId = standard is null ? null : round.Id, StandardId = standard is { } n ? standards[n].Id : null,
            OverarchingStandard = standard is { } s ? $"Standard {s}, {round.Title}" : "Serious case review", Outcome = outcome, Position = position,
            CreatedById = "t", Actions = [.. actions],
        };
        db.ImprovementAreas.AddRange(
            Area(created.AgencyId, 1, 2, "Alpha's training", Action(1, "Train staff", new DateOnly(2026, 1, 1), Rag.Red), Action(2, "Audit training", new DateOnly(2027, 1, 1), Rag.Green)),
            Area(created.AgencyId, 2, 1, "Alpha's lead", Action(1, "Name a lead", new DateOnly(2027, 2, 1), Rag.Amber)),
            Area(created.AgencyId, 3, null, "Alpha's own", Action(1, "Not in the round", new DateOnly(2027, 2, 1), null)),
            Area(beta.Id, 1, 1, "Beta's lead", Action(1, "Appoint a lead", new DateOnly(2027, 3, 1), null)));
        await db.SaveChangesAsync();
        return (round.Id, created.AgencyId, beta.Id, round.Title);
    }

    private static IReadOnlyList<(string Standard, string Agency, string Number, string Action)> Rows(OverarchingPlan plan) =>
        [.. plan.Groups.SelectMany(g => g.Actions.Select(a => (g.OverarchingStandard.Split(',')[0], a.AgencyName.Split(' ')[0], a.Number, a.Action.SpecificAction)))];

    [Fact]
    public async Task Every_agencys_round_actions_appear_under_their_standard_in_the_frameworks_order_with_their_own_numbers()
    {
        var (roundId, _, _, _) = await RoundAsync();
        await using var db = database.CreateContext();
        var plan = await new ActionPlanService(db, _catalog, _time).GetOverarchingPlanAsync(roundId, new OverarchingFilter());

        Assert.Equal(
            [
                ("Standard 1", "Alpha", "2.1", "Name a lead"),
                ("Standard 1", "Beta", "1.1", "Appoint a lead"),
                ("Standard 2", "Alpha", "1.1", "Train staff"),
                ("Standard 2", "Alpha", "1.2", "Audit training"),
            ],
            Rows(plan));
        Assert.Equal((4, 1, 1, 1, 1, 1), (plan.Actions.Count(), plan.Count(Rag.Red), plan.Count(Rag.Amber), plan.Count(Rag.Green), plan.Count(null), plan.OverdueCount));
        Assert.Equal(["Alpha", "Beta"], plan.Agencies.Select(a => a.Name.Split(' ')[0]));
        Assert.Equal("2", plan.Groups[0].Actions[0].AreaNumber);
    }

    [Fact]
    public async Task Filters_by_agency_rag_and_overdue_keep_the_numbers_of_the_whole_plan()
    {
        var (roundId, _, betaId, _) = await RoundAsync();
        await using var db = database.CreateContext();
        var plans = new ActionPlanService(db, _catalog, _time);

        Assert.Equal([("Standard 1", "Beta", "1.1", "Appoint a lead")], Rows(await plans.GetOverarchingPlanAsync(roundId, new OverarchingFilter(AgencyId: betaId))));
        Assert.Equal([("Standard 2", "Alpha", "1.1", "Train staff")], Rows(await plans.GetOverarchingPlanAsync(roundId, new OverarchingFilter(Rag: "Red"))));
        Assert.Equal([("Standard 2", "Alpha", "1.1", "Train staff")], Rows(await plans.GetOverarchingPlanAsync(roundId, new OverarchingFilter(Overdue: true))));
        Assert.Equal([("Standard 1", "Beta", "1.1", "Appoint a lead")], Rows(await plans.GetOverarchingPlanAsync(roundId, new OverarchingFilter(Rag: "none"))));
    }

    [Fact]
    public async Task The_download_lays_the_plan_out_as_the_template_with_each_area_named_by_its_agency()
    {
        var (roundId, _, _, title) = await RoundAsync();
        await using var db = database.CreateContext();
        var document = await new ActionPlanService(db, _catalog, _time).GetOverarchingDocumentAsync(roundId, "Medway", title, new OverarchingFilter());

        Assert.Equal("Section 11 action plan: Medway", document.Heading);
        Assert.StartsWith($"Overarching action plan, {title}", document.Subheading, StringComparison.Ordinal);
        Assert.Equal([$"Overarching standard: Standard 1, {title}", $"Overarching standard: Standard 2, {title}"], document.Groups.Select(g => g.Text));
        // Each area is numbered as in its agency's plan, after the agency's name.
        Assert.Equal([["Alpha 2: Alpha's lead", "Beta 1: Beta's lead"], ["Alpha 1: Alpha's training"]],
            document.Groups.Select(g => g.Areas.Select(a => $"{a.Number.Split(' ')[0]} {a.Number.Split(' ')[^1]}: {a.Outcome}").ToList()).ToList());
        Assert.EndsWith(" 2. Identified improvement area / desired outcome: Alpha's lead", document.Groups[0].Areas[0].Text, StringComparison.Ordinal);
        Assert.Equal(["1.1", "1.2"], document.Groups[1].Areas[0].Actions.Select(a => a.Number));
        Assert.Equal("Red (overdue)", document.Groups[1].Areas[0].Actions[0].RagText);
        Assert.NotEmpty(ActionPlanExport.ToXlsx(document));
    }
}
