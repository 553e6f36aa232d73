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
    /// reaches the survey, details, new-question and open pages); Southvale's, open; Northshire 2024's, closed with answers. A survey link is in no page, so
    /// the signed-out crawl starts at Southvale's answering and confirmation pages too.
    /// </summary>
    /// <summary>Where the crawl starts besides the home page: the survey links for the signed-out person (no page links to
    /// them), and the closed survey's results, free text and triangulation for Northshire's administrator, whose crawl
    /// reaches its cap of pages before it would find them.</summary>
    private sealed record SurveyStarts(string[] SignedOut, string[] Administrator)
    {
        public string[] For(string? email) =>
            email is null ? SignedOut : email == "admin@northshire-partnership.example" ? Administrator : [];
    }

    private async Task<SurveyStarts> SeedSurveysAsync()
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
        var partnership = await db.Rounds.Where(r => r.Id == northshire).Select(r => r.PartnershipId).SingleAsync();
        var closed = await SeedClosedSurveyAsync(db, surveys, admin, today);
        return new([Section11.Web.Links.AnswerSurvey(token), Section11.Web.Links.SurveyConfirmation(token)],
            [Section11.Web.Links.SurveyResults(partnership, closed), Section11.Web.Links.SurveyFreeText(partnership, closed), Section11.Web.Links.SurveyTriangulation(partnership, closed)]);
    }

    /// <summary>
    /// Northshire's 2024 round gets a closed survey with answers, so its results, free-text moderation, triangulation,
    /// the trust's report and review and the trust lead's own results are crawled with numbers in them: six of the
    /// trust's staff (three agree they know how to refer, against its Good for 1.1: flagged) and two of the police's
    /// (too few to show). One free-text answer is publishable; the rest wait to be read.
    /// </summary>
    private static async Task<int> SeedClosedSurveyAsync(Section11DbContext db, SurveyService surveys, string admin, DateOnly today)
    {
        var round = await db.Rounds.Where(r => r.Title == "Section 11 audit 2024" && r.Partnership.Name == DemoData.PartnershipName).Select(r => r.Id).SingleAsync();
        Assert.Empty(await surveys.SaveDetailsAsync(round, new SurveyDetailsInput("Tell us what you know about safeguarding here.",
            DateInput.From(today), DateInput.From(today.AddDays(14)), true, false), admin));
        Assert.Empty(await surveys.AddQuestionAsync(round, new QuestionInput(QuestionKind.Likert, "I know how to refer a child to children's social care", null, "1.1"), admin));
        Assert.Empty(await surveys.AddQuestionAsync(round, new QuestionInput(QuestionKind.YesNoNotSure, "Do you know who your safeguarding lead is?", null, "2.1"), admin));
        Assert.Empty(await surveys.AddQuestionAsync(round, new QuestionInput(QuestionKind.FreeText, "What would help you safeguard children better?", null, null), admin));
        var (links, errors) = await surveys.OpenAsync(round, admin);
        Assert.Empty(errors);
        var survey = (await surveys.GetAsync(round))!;
        var questions = survey.Questions;
        (string Agency, string Likert, string YesNo, string Role, string? Text)[] answers =
        [
            (DemoData.Trust, "Strongly agree", "Yes", "Working directly with children or families", "More time for supervision."),
            (DemoData.Trust, "Agree", "Yes", "Working directly with children or families", "Training on the new referral form."),
            (DemoData.Trust, "Agree", "Yes", "Working directly with children or families", null),
            (DemoData.Trust, "Disagree", "Yes", "Working directly with children or families", null),
            (DemoData.Trust, "Disagree", "No", "Working directly with children or families", null),
            (DemoData.Trust, "Strongly disagree", "Yes", "Manager or supervisor", null),
            (DemoData.Police, "Agree", "Yes", "Working directly with children or families", null),
            (DemoData.Police, "Agree", "Not sure", "Manager or supervisor", null),
        ];
        foreach (var a in answers)
        {
            var given = new Dictionary<string, IReadOnlyList<string>>
            {
                [SurveyRules.Key(questions[0].Id)] = [a.Likert], [SurveyRules.Key(questions[1].Id)] = [a.YesNo], [SurveyRules.RoleKey] = [a.Role],
            };
            if (a.Text is not null)
            {
                given[SurveyRules.Key(questions[2].Id)] = [a.Text];
            }

            Assert.Equal(SubmitOutcome.Saved, (await surveys.SubmitAsync(links.Single(l => l.AgencyName == a.Agency).Token, given)).Outcome);
        }

        var first = await db.SurveyResponses.Where(r => r.SurveyId == survey.Id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        Assert.Empty(await surveys.MarkFreeTextAsync(round, first, questions[2].Id, true, admin));
        Assert.Empty(await surveys.CloseAsync(round, admin));
        return round;
    }
}
