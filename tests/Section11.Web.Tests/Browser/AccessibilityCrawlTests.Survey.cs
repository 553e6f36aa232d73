using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Surveys;

namespace Section11.Web.Tests.Browser;

public sealed partial class AccessibilityCrawlTests
{
    /// <summary>
    /// Surveys for the crawl (docs/survey.md): the Northshire 2026 round's, designed but not open (its administrator
    /// reaches the survey, details, new-question and open pages); Southvale's, open. A survey link is in no page, so
    /// the signed-out crawl starts at Southvale's answering and confirmation pages too.
    /// </summary>
    private async Task<string[]> SeedSurveysAsync()
    {
        await using var db = server.Database.CreateContext();
        var surveys = new SurveyService(db, new FrameworkCatalog(), TimeProvider.System);
        var admin = await db.Users.Where(u => u.Email == "admin@northshire-partnership.example").Select(u => u.Id).SingleAsync();
        var northshire = await db.Rounds.Where(r => r.Title == "Section 11 audit 2026" && r.Partnership.Name == DemoData.PartnershipName).Select(r => r.Id).SingleAsync();
        var southvale = await db.Rounds.Where(r => r.Partnership.Name == DemoData.SecondPartnershipName).Select(r => r.Id).FirstAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var roundId in new[] { northshire, southvale })
        {
            Assert.Empty(await surveys.SaveDetailsAsync(roundId, new SurveyDetailsInput("Tell us what you know about safeguarding here. It takes five minutes.",
                DateInput.From(today), DateInput.From(today.AddDays(21)), true, true), admin));
            Assert.Empty(await surveys.AddQuestionAsync(roundId, new QuestionInput(QuestionKind.Likert, "I know how to refer a child to children's social care", null, "1.1"), admin));
            Assert.Empty(await surveys.AddQuestionAsync(roundId, new QuestionInput(QuestionKind.ChooseSeveral, "Which safeguarding training have you had?", "Level 1\nLevel 2\nLevel 3", null), admin));
            Assert.Empty(await surveys.AddQuestionAsync(roundId, new QuestionInput(QuestionKind.FreeText, "What would help you safeguard children better?", null, null), admin));
        }

        var token = (await surveys.OpenAsync(southvale, admin)).Links[0].Token;
        return [Section11.Web.Links.AnswerSurvey(token), Section11.Web.Links.SurveyConfirmation(token)];
    }
}
