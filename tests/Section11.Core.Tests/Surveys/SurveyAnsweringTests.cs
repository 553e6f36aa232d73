using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Surveys;

/// <summary>
/// Answers checked against the link's cached questions (issue 17's load target): a survey closed in the database after
/// its questions were cached takes no answer, and a cached answer stores exactly what was posted, in one statement.
/// </summary>
[Trait("Category", "Survey")]
[Trait("Category", "Performance")]
public sealed class SurveyAnsweringTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Counts the commands a context sends.</summary>
    private sealed class Counter : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    private Section11DbContext Counted(Counter counter)
    {
        var options = new DbContextOptionsBuilder<Section11DbContext>();
        database.Settings.Configure(options);
        return new Section11DbContext(options.AddInterceptors(counter).Options);
    }

    private async Task<(SurveyTestData.SurveySetup Setup, Survey Survey)> OpenSurveyAsync()
    {
        await using var db = database.CreateContext();
        var s = await SurveyTestData.SurveyAsync(db, _catalog, _time, freeText: true);
        return (s, (await new SurveyService(db, _catalog, _time).GetAsync(s.RoundId))!);
    }

    private static Dictionary<string, IReadOnlyList<string>> Given(Survey survey, string likert, string[] training, string text) => new()
    {
        [SurveyRules.Key(survey.Questions[0].Id)] = [likert],
        [SurveyRules.Key(survey.Questions[1].Id)] = training,
        [SurveyRules.Key(survey.Questions[2].Id)] = [text],
        [SurveyRules.RoleKey] = [SurveyRules.Roles[1]],
    };

    private async Task<SubmitResult> SubmitAsync(string token, Dictionary<string, IReadOnlyList<string>> given)
    {
        await using var db = database.CreateContext();
        return await new SurveyService(db, _catalog, _time).SubmitAsync(token, given);
    }

    private async Task<int> ResponsesAsync(int surveyId)
    {
        await using var db = database.CreateContext();
        return await db.SurveyResponses.CountAsync(r => r.SurveyId == surveyId);
    }

    [Fact]
    public async Task A_cached_answer_stores_exactly_what_was_posted_in_one_statement()
    {
        var (s, survey) = await OpenSurveyAsync();
        var token = s.Links[1].Token;
        Assert.Equal(SubmitOutcome.Saved, (await SubmitAsync(token, Given(survey, "Agree", ["Level 1"], "First"))).Outcome);

        // The link's questions are cached now: the next answer is one INSERT, and the row is what was sent (trimmed).
        var counter = new Counter();
        SubmitResult second;
        await using (var db = Counted(counter))
        {
            second = await new SurveyService(db, _catalog, _time).SubmitAsync(token, Given(survey, "Strongly disagree", ["Level 3", " Level 1 "], "  More supervision, please.  "));
        }

        Assert.Equal(SubmitOutcome.Saved, second.Outcome);
        Assert.Equal(survey.Id, second.Survey!.Id);
        Assert.Equal(survey.ClosesOn, second.Survey.ClosesOn);
        var insert = Assert.Single(counter.Commands);
        Assert.StartsWith("INSERT INTO \"SurveyResponses\"", insert.TrimStart(), StringComparison.Ordinal);

        await using var check = database.CreateContext();
        var row = await check.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Id).FirstAsync();
        Assert.Equal(s.Links[1].AgencyId, row.AgencyId);
        Assert.Equal(new DateOnly(2026, 12, 1), row.SubmittedOn);
        var stored = JsonSerializer.Deserialize<Dictionary<string, string[]>>(row.Answers)!;
        Assert.Equal(4, stored.Count);
        Assert.Equal(["Strongly disagree"], stored[SurveyRules.Key(survey.Questions[0].Id)]);
        Assert.Equal(["Level 3", "Level 1"], stored[SurveyRules.Key(survey.Questions[1].Id)]);
        Assert.Equal(["More supervision, please."], stored[SurveyRules.Key(survey.Questions[2].Id)]);
        Assert.Equal([SurveyRules.Roles[1]], stored[SurveyRules.RoleKey]);
        Assert.Equal(2, await ResponsesAsync(survey.Id));
    }

    [Fact]
    public async Task A_survey_closed_by_the_administrator_refuses_an_answer_though_its_questions_are_cached()
    {
        var (s, survey) = await OpenSurveyAsync();
        var token = s.Links[0].Token;
        Assert.Equal(SubmitOutcome.Saved, (await SubmitAsync(token, Given(survey, "Agree", ["Level 1"], "Cached"))).Outcome);
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await new SurveyService(db, _catalog, _time).CloseAsync(s.RoundId, s.UserId));
        }

        var refused = await SubmitAsync(token, Given(survey, "Agree", ["Level 2"], "Too late"));
        Assert.Equal(SubmitOutcome.Closed, refused.Outcome);
        Assert.False(refused.Redraw!.TakesAnswers);
        Assert.Equal(1, await ResponsesAsync(survey.Id));
    }

    [Fact]
    public async Task A_survey_whose_close_date_moved_before_today_refuses_an_answer_though_its_questions_are_cached()
    {
        var (s, survey) = await OpenSurveyAsync();
        var token = s.Links[0].Token;
        Assert.Equal(SubmitOutcome.Saved, (await SubmitAsync(token, Given(survey, "Agree", ["Level 1"], "Cached"))).Outcome);
        await using (var db = database.CreateContext())
        {
            // Straight in the database, as another node (or a fix by hand) would leave it: nothing here is told.
            await db.Surveys.Where(x => x.Id == survey.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ClosesOn, new DateOnly(2026, 11, 30)));
        }

        var refused = await SubmitAsync(token, Given(survey, "Agree", ["Level 2"], "Too late"));
        Assert.Equal(SubmitOutcome.Closed, refused.Outcome);
        Assert.Equal(1, await ResponsesAsync(survey.Id));
    }

    [Fact]
    public async Task A_link_replaced_by_new_links_is_unknown_though_it_was_cached()
    {
        var (s, survey) = await OpenSurveyAsync();
        var token = s.Links[0].Token;
        Assert.Equal(SubmitOutcome.Saved, (await SubmitAsync(token, Given(survey, "Agree", ["Level 1"], "Cached"))).Outcome);
        await using (var db = database.CreateContext())
        {
            Assert.Empty((await new SurveyService(db, _catalog, _time).OpenAsync(s.RoundId, s.UserId)).Errors);
        }

        Assert.Equal(SubmitOutcome.UnknownLink, (await SubmitAsync(token, Given(survey, "Agree", ["Level 2"], "Old link"))).Outcome);
        Assert.Equal(1, await ResponsesAsync(survey.Id));
    }

    [Fact]
    public async Task A_cached_survey_that_stops_asking_the_role_stores_the_answer_without_it()
    {
        var (s, survey) = await OpenSurveyAsync();
        var token = s.Links[0].Token;
        Assert.Equal(SubmitOutcome.Saved, (await SubmitAsync(token, Given(survey, "Agree", ["Level 1"], "Cached"))).Outcome);
        await using (var db = database.CreateContext())
        {
            await db.Surveys.Where(x => x.Id == survey.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.AsksRole, false));
        }

        Assert.Equal(SubmitOutcome.Saved, (await SubmitAsync(token, Given(survey, "Agree", ["Level 2"], "No role now"))).Outcome);
        await using var check = database.CreateContext();
        var row = await check.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Id).FirstAsync();
        Assert.DoesNotContain(SurveyRules.RoleKey, JsonSerializer.Deserialize<Dictionary<string, string[]>>(row.Answers)!.Keys);
    }
}
