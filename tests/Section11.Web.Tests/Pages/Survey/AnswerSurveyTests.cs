using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Survey;

/// <summary>Staff answer through their agency's link: no sign-in, GOV.UK errors, closed and unknown links, nothing identifying kept.</summary>
[Trait("Category", "Survey")]
public sealed class AnswerSurveyTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<SurveyTestData.SurveySetup> SurveyAsync()
    {
        await using var db = factory.Database.CreateContext();
        return await SurveyTestData.SurveyAsync(db, new FrameworkCatalog(), factory.Clock);
    }

    [Fact]
    public async Task Anyone_with_the_link_answers_without_signing_in_and_missing_answers_are_in_the_error_summary()
    {
        var s = await SurveyAsync();
        using var client = factory.CreateHtmlClient();
        var form = await client.GetAsync($"/survey/{s.Links[0].Token}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("Staff survey", form.H1);
        Assert.Equal(s.Links[0].AgencyName, form.Text(".govuk-caption-l"));
        Assert.Equal(5, form.Document.QuerySelectorAll("main form input[type=radio][name^=q]").Length);

        // One answer given, the others missing: every missing one in the summary, linked to its field; the given one kept.
        var likert = form.Document.QuerySelector("main form input[type=radio][name^=q]")!.GetAttribute("name")!;
        var refused = await client.SubmitAsync(form, new Dictionary<string, string?> { [likert] = "Agree" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(["Select at least one answer to question 2", "Select an answer to your role"], refused.ErrorSummary);
        Assert.NotNull(refused.Document.QuerySelector($"input[name={likert}][value=Agree][checked]"));

        var posted = await client.SubmitAsync(refused, SurveyAnswers.Valid(refused));
        Assert.False(form.Response.Headers.Contains("Set-Cookie") || refused.Response.Headers.Contains("Set-Cookie"), "reading the survey sets no cookie");
        var sent = await client.FollowAsync(posted);
        Assert.Equal("Your answers have been sent", sent.H1);
    }

    [Fact]
    public async Task A_browser_that_has_answered_is_reminded_and_can_still_answer_for_a_colleague()
    {
        var s = await SurveyAsync();
        using var client = factory.CreateHtmlClient();
        var form = await client.GetAsync($"/survey/{s.Links[0].Token}");
        var posted = await client.SubmitAsync(form, SurveyAnswers.Valid(form));

        // The one cookie: named for the survey, the same value for every browser, only on the survey's addresses.
        await using var db = factory.Database.CreateContext();
        var surveyId = await db.Surveys.Where(x => x.RoundId == s.RoundId).Select(x => x.Id).SingleAsync();
        var cookie = Assert.Single(posted.Response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"section11-survey-{surveyId}=answered; expires=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/survey; secure; samesite=lax; httponly", cookie, StringComparison.Ordinal);

        // The next visit on this browser asks first; another link of the same survey too (it is one survey).
        var again = await client.GetAsync($"/survey/{s.Links[1].Token}");
        Assert.Equal("This survey has been answered on this browser", again.H1);
        Assert.Null(again.Document.QuerySelector("main form"));
        var anyway = await client.GetAsync(again.Document.QuerySelector("#answer-again")!.GetAttribute("href")!);
        Assert.Equal("Staff survey", anyway.H1);
        Assert.EndsWith("/confirmation", (await client.SubmitAsync(anyway, SurveyAnswers.Valid(anyway))).Location, StringComparison.Ordinal);
        Assert.Equal(2, await db.SurveyResponses.CountAsync(r => r.SurveyId == surveyId));

        // A browser without the cookie sees the form straight away.
        using var other = factory.CreateHtmlClient();
        Assert.Equal("Staff survey", (await other.GetAsync($"/survey/{s.Links[0].Token}")).H1);
    }

    [Fact]
    public async Task A_forged_choice_is_refused_with_400_and_an_unknown_link_is_not_found()
    {
        var s = await SurveyAsync();
        using var client = factory.CreateHtmlClient();
        var form = await client.GetAsync($"/survey/{s.Links[0].Token}");
        var answers = SurveyAnswers.Valid(form);
        answers[SurveyRules.RoleKey] = "Chief executive, Ward 7";
        var forged = await client.SubmitAsync(form, answers);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(["Select an answer to your role from the choices shown"], forged.ErrorSummary);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/survey/not-a-real-link")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/survey/not-a-real-link", [])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/survey/not-a-real-link/confirmation")).Status);
    }

    [Fact]
    public async Task A_closed_survey_refuses_answers_and_says_so()
    {
        var s = await SurveyAsync();
        using var client = factory.CreateHtmlClient();
        var form = await client.GetAsync($"/survey/{s.Links[1].Token}");
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Empty(await new SurveyService(db, new FrameworkCatalog(), factory.Clock).CloseAsync(s.RoundId, s.UserId));
        }

        var refused = await client.SubmitAsync(form, SurveyAnswers.Valid(form));
        Assert.Equal("This survey is closed", refused.H1);
        Assert.Contains("Your answers were not saved.", refused.Text("#survey-closed"), StringComparison.Ordinal);
        await using var check = factory.Database.CreateContext();
        Assert.False(await check.SurveyResponses.AnyAsync(r => r.SurveyId == check.Surveys.Where(x => x.RoundId == s.RoundId).Select(x => x.Id).Single()));
    }

    [Fact]
    public async Task Answers_past_the_limit_from_one_address_are_refused_with_429_and_reading_is_never_limited()
    {
        var limited = await ConfiguredFactory.StartAsync("Testing", new Dictionary<string, string?> { ["Survey:AnswersPerMinute"] = "2" });
        try
        {
            SurveyTestData.SurveySetup s;
            await using (var db = limited.Database.CreateContext())
            {
                s = await SurveyTestData.SurveyAsync(db, new FrameworkCatalog(), limited.Clock);
            }

            using var client = limited.CreateHtmlClient();
            var url = $"/survey/{s.Links[0].Token}";
            for (var i = 0; i < 2; i++)
            {
                var form = await client.GetAsync(Web.Links.AnswerSurveyAgain(s.Links[0].Token));
                Assert.EndsWith("/confirmation", (await client.SubmitAsync(form, SurveyAnswers.Valid(form))).Location, StringComparison.Ordinal);
            }

            var again = await client.GetAsync(Web.Links.AnswerSurveyAgain(s.Links[0].Token));
            Assert.Equal(HttpStatusCode.OK, again.Status);
            var refused = await client.SubmitAsync(again, SurveyAnswers.Valid(again));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            Assert.Equal("Too many requests from your network", refused.H1);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).Status);
            await using var check = limited.Database.CreateContext();
            Assert.Equal(2, await check.SurveyResponses.CountAsync(r => r.AgencyId == s.Links[0].AgencyId && r.SurveyId == check.Surveys.Where(x => x.RoundId == s.RoundId).Select(x => x.Id).Single()));
        }
        finally
        {
            await limited.StopAsync();
        }
    }

    [Fact]
    public async Task No_response_row_holds_anything_that_identifies_a_person_or_a_device()
    {
        // The schema: the response table has exactly these columns, none a person, address, agent, cookie or time of day.
        await using var db = factory.Database.CreateContext();
        var entity = db.Model.FindEntityType(typeof(SurveyResponse))!;
        Assert.Equal(["AgencyId", "Answers", "Id", "SubmittedOn", "SurveyId"], entity.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal));
        Assert.Equal(typeof(DateOnly), entity.FindProperty(nameof(SurveyResponse.SubmittedOn))!.ClrType);
        Assert.DoesNotContain(entity.GetForeignKeys(), f => f.PrincipalEntityType.ClrType == typeof(Section11.Core.Identity.ApplicationUser));

        // The stored values, after a post with a distinctive agent and forwarded address.
        var s = await SurveyAsync();
        using var client = factory.CreateHtmlClient();
        const string agent = "Distinctive-Agent/9.9 (SurveyProbe)";
        const string address = "203.0.113.77";
        client.Http.DefaultRequestHeaders.Add("User-Agent", agent);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        var form = await client.GetAsync($"/survey/{s.Links[0].Token}");
        var answers = SurveyAnswers.Valid(form);
        Assert.EndsWith("/confirmation", (await client.SubmitAsync(form, answers)).Location, StringComparison.Ordinal);

        var surveyId = await db.Surveys.Where(x => x.RoundId == s.RoundId).Select(x => x.Id).SingleAsync();
        var row = await db.SurveyResponses.AsNoTracking().SingleAsync(r => r.SurveyId == surveyId);
        Assert.Equal(s.Links[0].AgencyId, row.AgencyId);
        Assert.Equal(DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime), row.SubmittedOn);
        // The browser's reminder cookie is the same for everyone and is in no row.
        Assert.Equal("answered", Web.Infrastructure.SurveyAnsweredCookie.Value);
        foreach (var probe in new[] { agent, "SurveyProbe", address, s.Links[0].Token, Web.Infrastructure.SurveyAnsweredCookie.Prefix })
        {
            Assert.DoesNotContain(probe, row.Answers, StringComparison.Ordinal);
        }

        // And nothing about it went to the change log either.
        Assert.False(await db.ChangeLog.AnyAsync(c => c.EntityType == "SurveyResponse"));
    }
}
