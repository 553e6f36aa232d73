using System.Net;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Agencies.Surveys;

/// <summary>An agency lead sees its own staff's answers, only its own agency's, and only once the survey has closed.</summary>
[Trait("Category", "Survey")]
public sealed class LeadSurveyResultsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task The_lead_sees_its_own_agencys_results_only_after_closing_and_another_agency_is_not_found()
    {
        await using var db = factory.Database.CreateContext();
        var catalog = new FrameworkCatalog();
        var (s, texts) = await SurveyTestData.FixedResponsesAsync(db, catalog, factory.Clock);
        int police = s.Links[0].AgencyId, trust = s.Links[1].AgencyId;
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: police, name: "Lee Lead");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var url = Web.Links.AgencySurveyResults(police, s.RoundId);

        var open = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.Equal("Your staff's answers will be shown here once the partnership closes the survey.", open.Text("#not-closed"));
        Assert.Null(open.Document.QuerySelector("svg.app-chart"));

        var surveys = new SurveyService(db, catalog, factory.Clock);
        var question = (await surveys.GetUnreadFreeTextAsync(s.RoundId))[0].QuestionId;
        Assert.Empty(await surveys.MarkFreeTextAsync(s.RoundId, texts[0], question, true, s.UserId));
        Assert.Empty(await surveys.CloseAsync(s.RoundId, s.UserId));
        var closed = await client.GetAsync(url);
        Assert.Equal(["Agreeing (agree and strongly agree)", "5", "63%"], closed.Document.QuerySelector($"#agency-{police}-q1-agree")!.Children.Select(c => c.TextContent.Trim()));
        Assert.Equal("Publish me", closed.Text($"#agency-{police}-q3-text"));
        // The lead is not told how many answers wait to be read, nor shown any that are not publishable.
        Assert.Null(closed.Document.QuerySelector($"#agency-{police}-q3-unread"));
        Assert.DoesNotContain("Do not publish", closed.Document.Body!.TextContent, StringComparison.Ordinal);

        // Another agency's results, or a round the agency is not in: not found.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Web.Links.AgencySurveyResults(trust, s.RoundId))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Web.Links.AgencySurveyResults(police, 999_999))).Status);
    }
}
