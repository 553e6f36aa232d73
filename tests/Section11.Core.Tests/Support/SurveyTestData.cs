using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Surveys;

namespace Section11.Core.Tests.Support;

/// <summary>A launched round of two agencies with a survey set up (two questions), opened or not.</summary>
public static class SurveyTestData
{
    public sealed record SurveySetup(int PartnershipId, int RoundId, IReadOnlyList<int> AgencyIds, string UserId, IReadOnlyList<IssuedSurveyLink> Links);

    public static async Task<SurveySetup> LaunchedRoundAsync(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time, string framework = "masa-2018")
    {
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Survey trust", "Survey police");
        var user = await TestData.CreateUserAsync(db, p.AgencyIds[0], name: "Sam Admin");
        var frameworkId = await db.FrameworkVersions.Where(f => f.FrameworkKey == framework).Select(f => f.Id).SingleAsync();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var round = new Round { PartnershipId = p.PartnershipId, FrameworkVersionId = frameworkId, Title = "Survey round", OpensOn = today, DueOn = today.AddMonths(3), CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        Assert.Empty(await new RoundService(db, catalog, time).LaunchAsync(round.Id, [.. p.AgencyIds], user));
        return new(p.PartnershipId, round.Id, p.AgencyIds, user, []);
    }

    /// <summary>A Likert question mapped to 1.1 and a choose-several question; asks role; open when <paramref name="open"/>.</summary>
    public static async Task<SurveySetup> SurveyAsync(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time, bool open = true, bool freeText = false) =>
        await SurveyOnAsync(db, catalog, time, await LaunchedRoundAsync(db, catalog, time), open, freeText);

    /// <summary>
    /// The same survey on a launched round of one's own (a round whose framework has item 1.1), opened, with
    /// <paramref name="agrees"/> of five answers through the agency's link agreeing: five is the minimum group size, so
    /// the agency's results are shown. Left open, for the caller to close.
    /// </summary>
    public static async Task<SurveySetup> AnsweredOnRoundAsync(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time,
        int partnershipId, int roundId, int agencyId, string userId, int agrees)
    {
        var s = await SurveyOnAsync(db, catalog, time, new SurveySetup(partnershipId, roundId, [agencyId], userId, []), open: true, freeText: false);
        var token = s.Links.Single(l => l.AgencyId == agencyId).Token;
        for (var i = 0; i < 5; i++)
        {
            await AnswerAsync(db, catalog, time, s, token, i < agrees ? "Agree" : "Disagree", "Level 1", Direct);
        }

        return s;
    }

    private static async Task<SurveySetup> SurveyOnAsync(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time, SurveySetup round, bool open, bool freeText)
    {
        var surveys = new SurveyService(db, catalog, time);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Assert.Empty(await surveys.SaveDetailsAsync(round.RoundId, new SurveyDetailsInput("Tell us what you know.", DateInput.From(today), DateInput.From(today.AddDays(30)), true, false), round.UserId));
        Assert.Empty(await surveys.AddQuestionAsync(round.RoundId, new QuestionInput(QuestionKind.Likert, "I know how to refer a child to children's social care", null, "1.1"), round.UserId));
        Assert.Empty(await surveys.AddQuestionAsync(round.RoundId, new QuestionInput(QuestionKind.ChooseSeveral, "Which training have you had?", "Level 1\nLevel 2\nLevel 3", null), round.UserId));
        if (freeText)
        {
            Assert.Empty(await surveys.AddQuestionAsync(round.RoundId, new QuestionInput(QuestionKind.FreeText, "What would help you most?", null, null), round.UserId));
        }

        if (!open)
        {
            return round;
        }

        var (links, errors) = await surveys.OpenAsync(round.RoundId, round.UserId);
        Assert.Empty(errors);
        return round with { Links = links };
    }

    /// <summary>
    /// One response through <paramref name="token"/>: the Likert answer, the training chosen (comma-separated), the role and,
    /// when the survey has one, the free text. Returns the new response's id and the free-text question's id.
    /// </summary>
    public static async Task<(long ResponseId, int? FreeTextQuestionId)> AnswerAsync(
        Section11DbContext db, FrameworkCatalog catalog, TimeProvider time, SurveySetup s, string token, string likert, string training, string role, string? text = null)
    {
        var survey = (await new SurveyService(db, catalog, time).GetAsync(s.RoundId))!;
        var q = survey.Questions;
        var given = new Dictionary<string, IReadOnlyList<string>>
        {
            [SurveyRules.Key(q[0].Id)] = [likert], [SurveyRules.Key(q[1].Id)] = training.Split(','), [SurveyRules.RoleKey] = [role],
        };
        var free = q.FirstOrDefault(x => x.Kind == QuestionKind.FreeText);
        if (free is not null && text is not null)
        {
            given[SurveyRules.Key(free.Id)] = [text];
        }

        var (outcome, errors) = await new SurveyService(db, catalog, time).SubmitAsync(token, given);
        Assert.True(outcome == SubmitOutcome.Saved, string.Join("; ", errors.Select(e => e.Message)));
        return (await db.SurveyResponses.MaxAsync(r => r.Id), free?.Id);
    }

    public const string Direct = "Working directly with children or families";
    public const string Manager = "Manager or supervisor";

    /// <summary>
    /// The fixed responses the results tests count: through Survey police's link (Links[0]), five people working
    /// directly with children (Likert SA, A, A, D, N) and three managers (SA, SD, A), free text on the first three;
    /// through Survey trust's link, three people (A, A, A). Returns the ids of the three free-text responses.
    /// </summary>
    public static async Task<(SurveySetup Setup, long[] Texts)> FixedResponsesAsync(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
    {
        var s = await SurveyAsync(db, catalog, time, open: true, freeText: true);
        string police = s.Links[0].Token, trust = s.Links[1].Token;
        Assert.StartsWith("Survey police", s.Links[0].AgencyName, StringComparison.Ordinal);
        var texts = new List<long>();
        (string Likert, string Training, string Role, string? Text)[] policeAnswers =
        [
            ("Strongly agree", "Level 1", Direct, "Publish me"), ("Agree", "Level 1,Level 2", Direct, "Do not publish"), ("Agree", "Level 2", Direct, "Still unread"),
            ("Disagree", "Level 1", Direct, null), ("Neither agree nor disagree", "Level 3", Direct, null),
            ("Strongly agree", "Level 1", Manager, null), ("Strongly disagree", "Level 1", Manager, null), ("Agree", "Level 1", Manager, null),
        ];
        foreach (var (likert, training, role, text) in policeAnswers)
        {
            var (id, _) = await AnswerAsync(db, catalog, time, s, police, likert, training, role, text);
            if (text is not null)
            {
                texts.Add(id);
            }
        }

        for (var i = 0; i < 3; i++)
        {
            await AnswerAsync(db, catalog, time, s, trust, "Agree", "Level 2", Direct);
        }

        return (s, [.. texts]);
    }
}
