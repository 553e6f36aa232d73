using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Agencies.ActionPlan;

/// <summary>
/// A lead cites a closed survey's result for an action; the plan draws it with a link each reader can open: the lead's
/// own results page, the round's administrators their page of the agency's results, nothing for a reviewer.
/// </summary>
[Trait("Category", "Survey")]
public sealed class SurveyCitationTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task A_lead_cites_a_survey_result_and_each_reader_of_the_plan_gets_a_link_they_can_open_and_a_forged_question_is_400()
    {
        await using var db = factory.Database.CreateContext();
        var catalog = new FrameworkCatalog();
        var (s, _) = await SurveyTestData.FixedResponsesAsync(db, catalog, factory.Clock);
        Assert.Empty(await new SurveyService(db, catalog, factory.Clock).CloseAsync(s.RoundId, s.UserId));
        var police = s.Links[0].AgencyId;
        var (areaId, _) = await new ActionPlanService(db, catalog, factory.Clock).AddAreaAsync(police, new AreaInput("Staff survey", "Staff know how to refer"), s.UserId);
        // The area came from the surveyed round (as one made from its return does), so the partnership reads it too.
        await db.ImprovementAreas.Where(a => a.Id == areaId).ExecuteUpdateAsync(x => x.SetProperty(a => a.RoundId, s.RoundId));

        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: police, name: "Lee Lead");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var add = await client.GetAsync(Web.Links.NewAction(police, areaId!.Value));
        var offered = add.Document.QuerySelectorAll("input[name='Action.SurveyQuestionId']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(2, offered.Count);
        Assert.Equal("", offered[0]);
        var question = offered[1]!;
        Assert.Contains("I know how to refer a child to children's social care", add.Document.QuerySelector($"label[for='{add.Document.QuerySelector($"input[value='{question}']")!.Id}']")!.TextContent, StringComparison.Ordinal);

        var fields = new Dictionary<string, string?>
        {
            ["Action.SpecificAction"] = "Brief all staff on referrals", ["Action.Deadline.Day"] = "31", ["Action.Deadline.Month"] = "1",
            ["Action.Deadline.Year"] = "2030", ["Action.AccountablePerson"] = "Dr Anna Green", ["Action.SuccessIndicators"] = "Staff briefed",
            ["Action.SuccessIndicatorsBy.Day"] = "31", ["Action.SuccessIndicatorsBy.Month"] = "1", ["Action.SuccessIndicatorsBy.Year"] = "2030",
        };
        // Another survey question's id (none this agency may cite): the form was forged, 400 and nothing added.
        var forged = await client.SubmitAsync(add, new Dictionary<string, string?>(fields) { ["Action.SurveyQuestionId"] = "999999" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(0, await db.PlanActions.CountAsync(a => a.ImprovementAreaId == areaId));

        var plan = await client.FollowAsync(await client.SubmitAsync(add, new Dictionary<string, string?>(fields) { ["Action.SurveyQuestionId"] = question }));
        var cited = plan.Document.QuerySelector("#action-1-1 .app-survey-citation")!;
        Assert.Contains("“I know how to refer a child to children's social care”", cited.TextContent, StringComparison.Ordinal);
        Assert.Contains("63% agreed (5 of 8)", cited.TextContent, StringComparison.Ordinal);
        var leadsLink = cited.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal(Web.Links.AgencySurveyResults(police, s.RoundId), leadsLink);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(leadsLink)).Status);

        // The round's administrator: the partnership's page of the agency's results, which they may open.
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: s.PartnershipId, name: "Ada Admin");
        using var a = factory.CreateHtmlClient();
        await a.SignInAsync(admin.Email);
        var adminsLink = (await a.GetAsync(Web.Links.ActionPlan(police))).Document.QuerySelector("#action-1-1 .app-survey-citation a")!.GetAttribute("href")!;
        Assert.Equal(Web.Links.SurveyAgencyResults(s.PartnershipId, s.RoundId, police), adminsLink);
        var results = await a.GetAsync(adminsLink);
        Assert.Equal(HttpStatusCode.OK, results.Status);

        // A reviewer reads the numbers but may open neither results page: no link that would answer 403.
        var reviewer = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: s.PartnershipId, name: "Rita Reviewer");
        using var r = factory.CreateHtmlClient();
        await r.SignInAsync(reviewer.Email);
        var seen = (await r.GetAsync(Web.Links.ActionPlan(police))).Document.QuerySelector("#action-1-1 .app-survey-citation")!;
        Assert.Contains("63% agreed (5 of 8)", seen.TextContent, StringComparison.Ordinal);
        Assert.Null(seen.QuerySelector("a"));
    }
}
