using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
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
    };
}
