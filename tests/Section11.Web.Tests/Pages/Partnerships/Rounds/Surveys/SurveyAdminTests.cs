using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Pages.Survey;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Surveys;

/// <summary>The administrator designs the round's survey, opens it (a link per agency), watches the counts and closes it.</summary>
[Trait("Category", "Survey")]
public sealed class SurveyAdminTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(HtmlClient Admin, string Url, SurveyTestData.SurveySetup Round)> SetUpAsync()
    {
        await using var db = factory.Database.CreateContext();
        var round = await SurveyTestData.LaunchedRoundAsync(db, new FrameworkCatalog(), factory.Clock);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: round.PartnershipId, name: "Ada Admin");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);
        return (client, $"/partnerships/{round.PartnershipId}/rounds/{round.RoundId}/survey", round);
    }

    [Fact]
    public async Task The_administrator_sets_up_questions_with_clear_errors_opens_the_survey_and_sees_one_link_per_agency()
    {
        var (admin, url, round) = await SetUpAsync();
        using var _ = admin;
        var start = await admin.GetAsync(url);
        Assert.Equal("All-staff survey", start.H1);

        // The details: every problem in the error summary, what was typed kept.
        var details = await admin.GetAsync(start.Document.QuerySelector("#set-up")!.GetAttribute("href")!);
        var wrong = await admin.SubmitAsync(details, new Dictionary<string, string?> { ["Introduction"] = "Why we ask", ["OpensOn.Day"] = "2", ["OpensOn.Month"] = "12", ["OpensOn.Year"] = "2026", ["ClosesOn.Day"] = "1", ["ClosesOn.Month"] = "12", ["ClosesOn.Year"] = "2026" });
        Assert.Equal(["The date the survey closes must be the same as or after the date it opens"], wrong.ErrorSummary);
        Assert.Equal("Why we ask", wrong.Document.QuerySelector("textarea[name=Introduction]")!.TextContent.Trim());
        var today = DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime);
        var saved = await admin.FollowAsync(await admin.SubmitAsync(wrong, new Dictionary<string, string?>
        {
            ["OpensOn.Day"] = $"{today.Day}", ["OpensOn.Month"] = $"{today.Month}", ["OpensOn.Year"] = $"{today.Year}",
            ["ClosesOn.Day"] = $"{today.AddDays(20).Day}", ["ClosesOn.Month"] = $"{today.AddDays(20).Month}", ["ClosesOn.Year"] = $"{today.AddDays(20).Year}", ["AboutYou"] = "role",
        }));
        Assert.Equal("The survey's introduction and dates have been saved", saved.Text("#confirmation"));
        Assert.Equal("Not open yet", saved.Text("#survey-state"));

        // A question: choices required for choose kinds, items checked against the round's framework.
        var add = await admin.GetAsync(saved.Document.QuerySelector("#add-question")!.GetAttribute("href")!);
        var refused = await admin.SubmitAsync(add, new Dictionary<string, string?> { ["Text"] = "Which training have you had?", ["Kind"] = "ChooseOne", ["ItemNumbers"] = "1.1, 42.7" });
        Assert.Equal(["Enter at least 2 choices, one on each line", "42.7 is not an item of this round's framework: enter item numbers such as 1.2"], refused.ErrorSummary);
        Assert.Equal("1.1, 42.7", refused.Value("ItemNumbers"));
        Assert.NotNull(refused.Document.QuerySelector("input[name=Kind][value=ChooseOne][checked]"));
        var none = await admin.SubmitAsync(add, new Dictionary<string, string?>());
        Assert.Equal(["Enter the question", "Select the kind of question"], none.ErrorSummary);
        await admin.SubmitAsync(refused, new Dictionary<string, string?> { ["Choices"] = "Level 1\nLevel 2", ["ItemNumbers"] = "1.1" });
        var two = await admin.FollowAsync(await admin.SubmitAsync(add, new Dictionary<string, string?> { ["Text"] = "I know who our safeguarding lead is", ["Kind"] = "Likert", ["ItemNumbers"] = "1.2" }));
        Assert.Equal(2, two.Document.QuerySelectorAll("#questions > li").Length);
        Assert.Contains("Framework items 1.2", two.Text("#questions > li:nth-child(2)"), StringComparison.Ordinal);

        // Remove the first; the second moves up.
        var removed = await admin.FollowAsync(await admin.SubmitAsync(two, new Dictionary<string, string?>(), formSelector: "#questions form"));
        Assert.Equal("The question has been removed", removed.Text("#confirmation"));
        Assert.StartsWith("1. I know who our safeguarding lead is", removed.Text("#questions > li"), StringComparison.Ordinal);

        // Open: one link per agency, shown once, only a hash stored.
        var open = await admin.GetAsync(removed.Document.QuerySelector("#open-link")!.GetAttribute("href")!);
        var links = await admin.SubmitAsync(open, new Dictionary<string, string?>());
        var rows = links.Document.QuerySelectorAll("#survey-links tbody tr");
        Assert.Equal(2, rows.Length);
        var link = rows[0].QuerySelector("code")!.TextContent.Trim();
        Assert.Contains("/survey/", link, StringComparison.Ordinal);
        await using var db = factory.Database.CreateContext();
        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.False(await db.SurveyLinks.AnyAsync(l => l.TokenHash == token));
        Assert.True(await db.SurveyLinks.AnyAsync(l => l.TokenHash == Section11.Core.Api.ApiTokenService.Hash(token)));

        var page = await admin.GetAsync(url);
        Assert.Equal("Taking answers", page.Text("#survey-state"));
        Assert.Null(page.Document.QuerySelector("#questions form"));
        Assert.Equal("0 responses so far.", page.Text("#response-total"));
        Assert.Equal(round.AgencyIds.Count, page.Document.QuerySelectorAll("#responses-per-agency tbody tr").Length);
    }

    [Fact]
    public async Task Counts_show_per_agency_and_per_day_and_closing_early_stops_answers()
    {
        await using var db = factory.Database.CreateContext();
        var s = await SurveyTestData.SurveyAsync(db, new FrameworkCatalog(), factory.Clock);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: s.PartnershipId, name: "Ada Admin");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);
        using var anonymous = factory.CreateHtmlClient();
        for (var i = 0; i < 3; i++)
        {
            // One browser for three people (a shared computer): past the "answered on this browser" reminder.
            var form = await anonymous.GetAsync(Web.Links.AnswerSurveyAgain(s.Links[i % 2].Token));
            Assert.Equal("Send my answers", form.Text("main form button"));
            var sent = await anonymous.SubmitAsync(form, SurveyAnswers.Valid(form));
            Assert.EndsWith("/confirmation", sent.Location, StringComparison.Ordinal);
        }

        var url = $"/partnerships/{s.PartnershipId}/rounds/{s.RoundId}/survey";
        var page = await client.GetAsync(url);
        Assert.Equal("3 responses so far.", page.Text("#response-total"));
        var perAgency = page.Document.QuerySelectorAll("#responses-per-agency tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(["2", "1"], s.Links.Take(2).Select(l => perAgency[l.AgencyName]));
        Assert.Equal("3", page.Text("#responses-per-day tbody td"));

        var closed = await client.FollowAsync(await client.SubmitAsync(page, new Dictionary<string, string?>(), formSelector: "form[action$='handler=Close']"));
        Assert.Equal("The survey has been closed: it takes no more answers", closed.Text("#confirmation"));
        Assert.Equal("Closed", closed.Text("#survey-state"));
        Assert.Equal("This survey is closed", (await anonymous.GetAsync($"/survey/{s.Links[0].Token}")).H1);
    }
}
