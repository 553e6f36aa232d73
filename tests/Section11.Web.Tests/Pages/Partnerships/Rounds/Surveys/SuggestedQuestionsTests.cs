using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Surveys;

/// <summary>The administrator adds a suggested question with one button, before the survey opens.</summary>
[Trait("Category", "Survey")]
public sealed class SuggestedQuestionsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task A_suggestion_is_added_as_worded_and_is_no_longer_offered()
    {
        await using var db = factory.Database.CreateContext();
        var s = await SurveyTestData.SurveyAsync(db, new FrameworkCatalog(), factory.Clock, open: false);
        var person = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: s.PartnershipId, name: "Ada Admin");
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(person.Email);
        var survey = await admin.GetAsync(Web.Links.Survey(s.PartnershipId, s.RoundId));
        var page = await admin.GetAsync(survey.Document.QuerySelector("#suggested-questions")!.GetAttribute("href")!);
        Assert.Equal("Suggested questions", page.H1);
        var first = page.Text("#suggestions li:nth-child(1) strong");
        var added = await admin.FollowAsync(await admin.SubmitAsync(page, new Dictionary<string, string?>(), formSelector: "#suggestions li:nth-child(1) form"));
        Assert.Equal("The question has been added", added.Text("#confirmation"));
        Assert.DoesNotContain(added.Document.QuerySelectorAll("#suggestions strong"), e => e.TextContent.Trim() == first);
        Assert.StartsWith($"3. {first}", (await admin.GetAsync(Web.Links.Survey(s.PartnershipId, s.RoundId))).Text("#questions > li:nth-child(3)"), StringComparison.Ordinal);
    }
}
