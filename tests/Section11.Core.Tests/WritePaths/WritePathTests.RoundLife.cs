using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The round's life after launch: close, repeat, add agencies.</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> RoundLifeCases() => new()
    {
        ["RoundService.CloseAsync"] = async (t, db, _) =>
        {
            var (returnId, user) = await t.DraftAsync();
            var roundId = await db.Receipts.Where(x => x.ReturnId == returnId).Select(x => x.RoundId).SingleAsync();
            Assert.Empty(await new RoundService(db, t._catalog, t._time).CloseAsync(roundId, user));
        },
        ["RoundService.RepeatAsync"] = async (t, db, _) =>
        {
            var (roundId, agencies, user) = await t.RoundAsync("primary-care-2014");
            await using (var other = t.Database.CreateContext())
            {
                var rounds = new RoundService(other, t._catalog, t._time);
                Assert.Empty(await rounds.AddLocalItemAsync(roundId, new LocalItemInput("The practice attends the quarterly MASH briefing.", null), user));
                Assert.Empty(await rounds.LaunchAsync(roundId, agencies, user));
            }

            var frameworkId = await db.Rounds.Where(r => r.Id == roundId).Select(r => r.FrameworkVersionId).SingleAsync();
            var (repeated, errors) = await new RoundService(db, t._catalog, t._time).RepeatAsync(roundId,
                new RoundInput("Section 11 audit 2029", frameworkId, new DateInput("1", "12", "2028"), new DateInput("31", "3", "2029")), user);
            Assert.Empty(errors);
            Assert.NotNull(repeated);
        },
        ["RoundService.AddAgenciesAsync"] = async (t, db, _) =>
        {
            var (roundId, agencies, user) = await t.RoundAsync("masa-2018");
            await using (var other = t.Database.CreateContext())
            {
                Assert.Empty(await new RoundService(other, t._catalog, t._time).LaunchAsync(roundId, [agencies[0]], user));
            }

            Assert.Empty(await new RoundService(db, t._catalog, t._time).AddAgenciesAsync(roundId, [agencies[1]], user));
        },
    };
}
