using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Notifications;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The cases of notifications: a person's email setting and a chase from the tracker.</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> NotificationCases() => new()
    {
        ["NotificationService.SetOptionalEmailsAsync"] = async (t, db, _) =>
        {
            var (_, user) = await t.DraftAsync();
            await new NotificationService(db, t._time).SetOptionalEmailsAsync(user, receive: false);
        },
        ["NotificationService.ChaseAsync"] = async (t, db, _) =>
        {
            var (returnId, user) = await t.DraftAsync();
            var roundId = await db.Receipts.Where(x => x.ReturnId == returnId).Select(x => x.RoundId).SingleAsync();
            var (agencies, _) = await new NotificationService(db, t._time).ChaseAsync(roundId, null, user);
            Assert.True(agencies > 0);
        },
    };
}
