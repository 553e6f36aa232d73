using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.Tests.Support;

/// <summary>A primary-care return with every standard completed: 1.1 and 1.2 (standard 1) and 2.1 (standard 2) below the threshold.</summary>
public static class SubmittedReturns
{
    public static async Task<(int ReturnId, int AgencyId, string User)> CompletedAsync(TestDatabase database, FrameworkCatalog catalog, TimeProvider time)
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
        var user = await TestData.CreateUserAsync(db, created.AgencyId);
        var returns = new ReturnService(db, catalog, time);
        var framework = await catalog.GetForRoundAsync(db, (await returns.GetSummaryAsync(created.ReturnId))!.Receipts[0].RoundId);
        static string Rating(string number) => number switch { "1.1" or "1.2" => "not-met", "2.1" => "partially-met", _ => "fully-met" };
        foreach (var standard in framework.Standards)
        {
            var input = new StandardInput(0,
                [.. standard.Items.Select(i => new AnswerValues(i.Id, Rating(i.Number), "Evidence", Rating(i.Number) == "fully-met" ? null : $"Fix {i.Number}",
                    Rating(i.Number) == "fully-met" ? DateInput.Empty : new DateInput("1", "3", "2027")))],
                new EvaluationValues("partially-met", "Statement"));
            Assert.Equal(SaveOutcome.Saved, (await returns.SaveStandardAsync((await returns.GetSummaryAsync(created.ReturnId))!, standard.Number, input, complete: true, user)).Outcome);
        }

        return (created.ReturnId, created.AgencyId, user);
    }

    public static async Task<(ReturnSummary Summary, string User)> SubmittedAsync(TestDatabase database, FrameworkCatalog catalog, TimeProvider time)
    {
        var (returnId, _, user) = await CompletedAsync(database, catalog, time);
        await using var db = database.CreateContext();
        var returns = new ReturnService(db, catalog, time);
        Assert.Empty(await returns.SubmitAsync(returnId, new SignOffInput("Dr A", "Partner", "Practice", new DateInput("22", "11", "2026"), true), user));
        return ((await returns.GetSummaryAsync(returnId))!, user);
    }
}
