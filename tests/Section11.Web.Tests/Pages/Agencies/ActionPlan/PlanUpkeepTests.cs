using Microsoft.EntityFrameworkCore;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Agencies.ActionPlan;

/// <summary>Keeping a plan up to date without JavaScript: areas added by hand, changed, reordered and deleted.</summary>
[Trait("Category", "Operations")]
public sealed class PlanUpkeepTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    /// <summary>A submitted masa-2018 return with 1.1 and 1.2 rated Requires improvement, made into two areas.</summary>
    private async Task<(HtmlClient Client, Section11Factory.Lead Lead, HtmlClient.Page Plan)> PlanWithTwoAreasAsync()
    {
        var (client, lead) = await factory.SubmittedAsync((n, values) =>
        {
            if (n != 1)
            {
                return;
            }

            foreach (var i in new[] { 0, 1 })
            {
                values[$"Answers[{i}].Rating"] = "requires-improvement";
                values[$"Answers[{i}].ActionRequired"] = $"Publicise the named lead (item 1.{i + 1})";
                values[$"Answers[{i}].Timescale.Day"] = "31";
                values[$"Answers[{i}].Timescale.Month"] = "3";
                values[$"Answers[{i}].Timescale.Year"] = "2030";
            }
        });
        var from = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/from-return/{lead.ReturnId}");
        var plan = await client.FollowAsync(await client.SubmitAsync(from, new Dictionary<string, string?>
        {
            ["Areas[0].Outcome"] = "Every member of staff can name the lead", ["Areas[1].Outcome"] = "The lead is trained to level 3",
        }));
        return (client, lead, plan);
    }

    private static IReadOnlyList<string> AreaHeadings(HtmlClient.Page plan) =>
        [.. plan.Document.QuerySelectorAll(".app-area h3").Select(h => h.TextContent.Trim())];

    [Fact]
    public async Task A_lead_adds_an_area_from_a_serious_case_review_moves_it_up_and_changes_it()
    {
        var (client, lead, plan) = await PlanWithTwoAreasAsync();
        Assert.Equal(["1. Every member of staff can name the lead", "2. The lead is trained to level 3"], AreaHeadings(plan));

        var add = await client.GetAsync(plan.Document.QuerySelector("#new-area")!.GetAttribute("href")!);
        var empty = await client.SubmitAsync(add, new Dictionary<string, string?> { ["Source"] = " ", ["Outcome"] = "Staff escalate concerns within a day" });
        Assert.Equal(["Enter where this improvement area comes from, for example a serious case review"], empty.ErrorSummary);
        Assert.Equal("Staff escalate concerns within a day", empty.Value("Outcome"));
        plan = await client.FollowAsync(await client.SubmitAsync(empty, new Dictionary<string, string?> { ["Source"] = "Serious case review: Child J, 2026" }));
        Assert.Equal("Improvement area added. Now add the specific actions.", plan.Text("#confirmation"));
        Assert.Equal("3. Staff escalate concerns within a day", AreaHeadings(plan)[2]);
        Assert.Contains(plan.Document.QuerySelectorAll(".app-standard-heading"), h => h.TextContent.Trim() == "Overarching standard: Serious case review: Child J, 2026");

        // Move the new area above the second: the numbers follow.
        plan = await client.FollowAsync(await client.SubmitAsync(plan, new Dictionary<string, string?>(), formSelector: "#area-3 form[action$='handler=MoveUp']"));
        Assert.Equal("Improvement area moved up", plan.Text("#confirmation"));
        Assert.Equal(["1. Every member of staff can name the lead", "2. Staff escalate concerns within a day", "3. The lead is trained to level 3"],
            [.. plan.Document.QuerySelectorAll(".app-area h3").Select(h => h.TextContent.Trim()).Order(StringComparer.Ordinal)]);
        Assert.Null(plan.Document.QuerySelector("#area-1 form[action$='handler=MoveUp']"));
        Assert.Null(plan.Document.QuerySelector("#area-3 form[action$='handler=MoveDown']"));

        // Change the area from the return: its standard is the return's, only the outcome changes.
        var area = await client.GetAsync(plan.Document.QuerySelector("#area-1 a[href$='/areas/" + AreaId(plan, 1) + "']")!.GetAttribute("href")!);
        Assert.Null(area.Document.QuerySelector("input[name='Source']"));
        var blank = await client.SubmitAsync(area, new Dictionary<string, string?> { ["Outcome"] = "" });
        Assert.Equal(["Enter the desired outcome"], blank.ErrorSummary);
        plan = await client.FollowAsync(await client.SubmitAsync(blank, new Dictionary<string, string?> { ["Outcome"] = "All staff, locums included, can name the lead" }));
        Assert.Equal("Improvement area 1 saved", plan.Text("#confirmation"));
        Assert.Equal("1. All staff, locums included, can name the lead", AreaHeadings(plan)[0]);

        await using var db = factory.Database.CreateContext();
        var log = await db.ChangeLog.Where(c => c.EntityType == "ImprovementArea").Select(c => new { c.Field, c.NewValue }).ToListAsync();
        Assert.Contains(log, c => c.Field == "Outcome" && c.NewValue == "All staff, locums included, can name the lead");
        Assert.Contains(log, c => c.Field == "Created" && c.NewValue == "Serious case review: Child J, 2026: Staff escalate concerns within a day");
        Assert.Contains(log, c => c.Field == "Position");
    }

    [Fact]
    public async Task A_lead_needs_a_timescale_reorders_actions_and_deletes_an_action_and_an_area_which_stay_in_the_change_log()
    {
        var (client, lead, plan) = await PlanWithTwoAreasAsync();
        var areaId = AreaId(plan, 1);

        // Two actions on area 1; the success indicators' timescale starts as the deadline and cannot be left out.
        var add = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/areas/{areaId}/actions/new");
        Assert.Equal("2030", add.Value("Action.SuccessIndicatorsBy.Year"));
        var noTimescale = await client.SubmitAsync(add, new Dictionary<string, string?>
        {
            ["Action.AccountablePerson"] = "Dr Anna Green", ["Action.SuccessIndicators"] = "95% name the lead",
            ["Action.SuccessIndicatorsBy.Day"] = "", ["Action.SuccessIndicatorsBy.Month"] = "", ["Action.SuccessIndicatorsBy.Year"] = "",
        });
        Assert.Equal(["Enter the success indicators timescale: when you will measure them"], noTimescale.ErrorSummary);
        await client.SubmitAsync(noTimescale, new Dictionary<string, string?>
        {
            ["Action.SuccessIndicatorsBy.Day"] = "30", ["Action.SuccessIndicatorsBy.Month"] = "6", ["Action.SuccessIndicatorsBy.Year"] = "2030",
        });
        add = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/areas/{areaId}/actions/new");
        plan = await client.FollowAsync(await client.SubmitAsync(add, new Dictionary<string, string?>
        {
            ["Action.SpecificAction"] = "Put posters in every staff room", ["Action.AccountablePerson"] = "Sam Lead", ["Action.SuccessIndicators"] = "Posters seen",
        }));
        Assert.StartsWith("1.2 Put posters in every staff room", plan.Text("#action-1-2 th"), StringComparison.Ordinal);

        // On the area's page, move 1.2 up: it becomes 1.1.
        var area = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/areas/{areaId}");
        area = await client.FollowAsync(await client.SubmitAsync(area, new Dictionary<string, string?>(), formSelector: "#order-1-2 form[action$='handler=MoveUp']"));
        Assert.StartsWith("1.1 Put posters in every staff room", area.Text("#order-1-1"), StringComparison.Ordinal);

        // Delete action 1.1 (the posters), then the second area.
        var posters = area.Document.QuerySelector("#order-1-1 a")!.GetAttribute("href")!;
        var action = await client.GetAsync(posters);
        var confirm = await client.GetAsync(action.Document.QuerySelector("#delete-action")!.GetAttribute("href")!);
        Assert.Equal("Are you sure you want to delete action 1.1?", confirm.Text("h1"));
        plan = await client.FollowAsync(await client.SubmitAsync(confirm, new Dictionary<string, string?>()));
        Assert.Equal("Action 1.1 deleted", plan.Text("#confirmation"));
        Assert.StartsWith("1.1 Publicise the named lead", plan.Text("#action-1-1 th"), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(posters)).Status);

        var second = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/areas/{AreaId(plan, 2)}");
        var deleteArea = await client.GetAsync(second.Document.QuerySelector("#delete-area")!.GetAttribute("href")!);
        Assert.Contains("It has no actions.", deleteArea.Text(".govuk-warning-text"), StringComparison.Ordinal);
        plan = await client.FollowAsync(await client.SubmitAsync(deleteArea, new Dictionary<string, string?>()));
        Assert.Equal("Improvement area 2 deleted", plan.Text("#confirmation"));
        Assert.Equal(["1. Every member of staff can name the lead"], AreaHeadings(plan));

        await using var db = factory.Database.CreateContext();
        var deleted = await db.ChangeLog.Where(c => c.Field == "Deleted").Select(c => new { c.EntityType, c.OldValue }).ToListAsync();
        Assert.Contains(deleted, d => d.EntityType == "PlanAction" && d.OldValue!.StartsWith("Put posters in every staff room (deadline 2030-03-31, Sam Lead", StringComparison.Ordinal));
        Assert.Contains(deleted, d => d.EntityType == "ImprovementArea" && d.OldValue!.EndsWith(": The lead is trained to level 3", StringComparison.Ordinal));
    }

    private static string AreaId(HtmlClient.Page plan, int number) =>
        plan.Document.QuerySelector($"#area-{number} a[href$='/actions/new']")!.GetAttribute("href")!.Split('/')[^3];
}
