using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The all-staff survey's design (docs/survey.md). An anonymous response is not recorded: see NotRecorded.</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> SurveyCases() => new()
    {
        ["SurveyService.SaveDetailsAsync"] = async (t, db, _) =>
        {
            SurveyTestData.SurveySetup s;
            await using (var other = t.Database.CreateContext())
            {
                s = await SurveyTestData.LaunchedRoundAsync(other, t._catalog, t._time);
            }

            var today = DateOnly.FromDateTime(Now.UtcDateTime);
            Assert.Empty(await new SurveyService(db, t._catalog, t._time).SaveDetailsAsync(s.RoundId,
                new SurveyDetailsInput("Why we ask", DateInput.From(today), DateInput.From(today.AddDays(7)), true, true), s.UserId));
        },
        ["SurveyService.AddQuestionAsync"] = async (t, db, _) =>
        {
            var s = await t.SurveyAsync(open: false);
            Assert.Empty(await new SurveyService(db, t._catalog, t._time).AddQuestionAsync(s.RoundId, new QuestionInput(QuestionKind.YesNoNotSure, "Do you know your lead?", null, "1.2"), s.UserId));
        },
        ["SurveyService.RemoveQuestionAsync"] = async (t, db, _) =>
        {
            var s = await t.SurveyAsync(open: false);
            var surveys = new SurveyService(db, t._catalog, t._time);
            var first = (await surveys.GetAsync(s.RoundId))!.Questions[0].Id;
            Assert.Empty(await surveys.RemoveQuestionAsync(s.RoundId, first, s.UserId));
        },
        ["SurveyService.OpenAsync"] = async (t, db, _) =>
        {
            var s = await t.SurveyAsync(open: false);
            Assert.Empty((await new SurveyService(db, t._catalog, t._time).OpenAsync(s.RoundId, s.UserId)).Errors);
        },
        ["SurveyService.CloseAsync"] = async (t, db, _) =>
        {
            var s = await t.SurveyAsync(open: true);
            Assert.Empty(await new SurveyService(db, t._catalog, t._time).CloseAsync(s.RoundId, s.UserId));
        },
        ["SurveyService.MarkFreeTextAsync"] = async (t, db, _) =>
        {
            var s = await t.SurveyWithFreeTextAsync();
            Assert.Empty(await new SurveyService(db, t._catalog, t._time).MarkFreeTextAsync(s.RoundId, s.ResponseId, s.QuestionId, true, s.Setup.UserId));
        },
    };

    private async Task<(SurveyTestData.SurveySetup Setup, int RoundId, long ResponseId, int QuestionId)> SurveyWithFreeTextAsync()
    {
        await using var other = database.CreateContext();
        var s = await SurveyTestData.SurveyAsync(other, _catalog, _time, open: true, freeText: true);
        var (responseId, questionId) = await SurveyTestData.AnswerAsync(other, _catalog, _time, s, s.Links[0].Token, "Agree", "Level 1", "Other", "More training please");
        return (s, s.RoundId, responseId, questionId!.Value);
    }

    private async Task<SurveyTestData.SurveySetup> SurveyAsync(bool open)
    {
        await using var other = database.CreateContext();
        return await SurveyTestData.SurveyAsync(other, _catalog, _time, open);
    }
}
