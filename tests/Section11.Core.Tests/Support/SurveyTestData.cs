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
    public static async Task<SurveySetup> SurveyAsync(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time, bool open = true)
    {
        var round = await LaunchedRoundAsync(db, catalog, time);
        var surveys = new SurveyService(db, catalog, time);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Assert.Empty(await surveys.SaveDetailsAsync(round.RoundId, new SurveyDetailsInput("Tell us what you know.", DateInput.From(today), DateInput.From(today.AddDays(30)), true, false), round.UserId));
        Assert.Empty(await surveys.AddQuestionAsync(round.RoundId, new QuestionInput(QuestionKind.Likert, "I know how to refer a child to children's social care", null, "1.1"), round.UserId));
        Assert.Empty(await surveys.AddQuestionAsync(round.RoundId, new QuestionInput(QuestionKind.ChooseSeveral, "Which training have you had?", "Level 1\nLevel 2\nLevel 3", null), round.UserId));
        if (!open)
        {
            return round;
        }

        var (links, errors) = await surveys.OpenAsync(round.RoundId, round.UserId);
        Assert.Empty(errors);
        return round with { Links = links };
    }
}
