using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Agencies.ActionPlan;

/// <summary>The action plan pages show the guidance and RAG definitions of the area's framework, not words of their own.</summary>
[Trait("Category", "Templates")]
public sealed class FrameworkGuidanceTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task A_primary_care_action_shows_seed_000s_rag_definitions_and_its_new_action_page_the_guidance()
    {
        var setup = await ActionPlanSetup.CreateAsync(factory);
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(setup.LeadEmail);

        var action = await client.GetAsync($"/agencies/{setup.AgencyId}/action-plan/actions/{setup.ActionId}");
        var hints = action.Document.QuerySelectorAll("input[name='Action.Rag']")
            .Select(i => action.Document.GetElementById(i.GetAttribute("aria-describedby")!)?.TextContent.Trim()).ToList();
        Assert.Equal(
            [
                "Work is significantly behind schedule and no progress has been made, and/or Progress has been made but the timescale has not been achieved.",
                "Progress is being made, progress is good and the action is likely to be achieved within timescale. Or the action has been completed but evidence is required to demonstrate achievement.",
                "The action has been completed and there is a record of evidence to support its completion. Needs impact and evidence recorded.",
            ],
            hints);

        var add = await client.GetAsync($"/agencies/{setup.AgencyId}/action-plan/areas/{setup.AreaId}/actions/new");
        Assert.Contains("Deadlines for completion MUST be stated for all actions to aid monitoring.", add.Text("#guidance"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_framework_without_an_action_plan_section_shows_no_definitions_and_no_guidance()
    {
        var (client, lead) = await factory.SubmittedAsync((n, values) =>
        {
            if (n == 1)
            {
                values["Answers[0].Rating"] = "requires-improvement";
                values["Answers[0].ActionRequired"] = "Publicise the named lead";
                values["Answers[0].Timescale.Day"] = "31";
                values["Answers[0].Timescale.Month"] = "3";
                values["Answers[0].Timescale.Year"] = "2030";
            }
        });
        var from = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/from-return/{lead.ReturnId}");
        var plan = await client.FollowAsync(await client.SubmitAsync(from, new Dictionary<string, string?> { ["Areas[0].Outcome"] = "Staff can name the lead" }));
        var add = await client.GetAsync(plan.Document.QuerySelector("#area-1 a[href$='/actions/new']")!.GetAttribute("href")!);
        Assert.Null(add.Document.GetElementById("guidance"));
        plan = await client.FollowAsync(await client.SubmitAsync(add, new Dictionary<string, string?> { ["Action.AccountablePerson"] = "Dr A", ["Action.SuccessIndicators"] = "Measured" }));

        var action = await client.GetAsync(plan.Document.QuerySelector("#action-1-1 a")!.GetAttribute("href")!);
        var described = action.Document.QuerySelectorAll("input[name='Action.Rag']").Select(i => i.GetAttribute("aria-describedby")).ToList();
        Assert.Equal(2, described.Count(d => d is null));
        Assert.Equal("Needs impact and evidence recorded.", action.Document.GetElementById(described[2]!)!.TextContent.Trim());
    }
}
