using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The cases of the partnership's review of a receipt (docs/review.md).</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> ReviewCases() => new()
    {
        ["ReviewService.AssignAsync"] = async (t, db, _) =>
        {
            var (receiptId, admin) = await t.ReviewAsync();
            Assert.Empty(await new ReviewService(db, t._time).AssignAsync(receiptId, [admin], admin));
        },
        ["ReviewService.ActAsync"] = async (t, db, _) =>
        {
            var (receiptId, admin) = await t.ReviewAsync();
            Assert.Empty(await new ReviewService(db, t._time).ActAsync(receiptId, ReviewAction.Start, admin));
        },
    };

    /// <summary>A submitted return's receipt and an administrator of its partnership.</summary>
    private async Task<(int ReceiptId, string Administrator)> ReviewAsync()
    {
        var r = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        return (r.ReceiptId, await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin"));
    }
}
