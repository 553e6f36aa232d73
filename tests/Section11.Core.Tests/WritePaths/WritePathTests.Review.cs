using Microsoft.EntityFrameworkCore;
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
            Assert.Empty(await new ReviewService(db, t._catalog, t._time).AssignAsync(receiptId, [admin], admin));
        },
        ["ReviewService.ActAsync"] = async (t, db, _) =>
        {
            var (receiptId, admin) = await t.ReviewAsync();
            Assert.Empty(await new ReviewService(db, t._catalog, t._time).ActAsync(receiptId, ReviewAction.Start, admin));
        },
        ["ModerationService.SaveStandardAsync"] = async (t, db, watch) =>
        {
            var r = await ReviewTestData.ModeratedScaleReceiptAsync(t.Database, t._catalog, t._time);
            string admin;
            int item;
            await using (var other = t.Database.CreateContext())
            {
                admin = await ReviewTestData.PartnershipPersonAsync(other, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
                Assert.Empty(await new ReviewService(other, t._catalog, t._time).ActAsync(r.ReceiptId, ReviewAction.Start, admin));
                item = (await new ModerationService(other, t._catalog, new ReviewService(other, t._catalog, t._time), t._time).GetStandardAsync(r.ReceiptId, 1))!.Items[0].ItemId;
            }

            var errors = await new ModerationService(db, t._catalog, new ReviewService(db, t._catalog, t._time), t._time)
                .SaveStandardAsync(r.ReceiptId, 1, [new(item, "3", "Embedded"), new(null, "2", null)], admin);
            Assert.Empty(errors);
        },
        ["ReviewNoteService.AddAsync"] = async (t, db, _) =>
        {
            var (receiptId, admin, itemId) = await t.StartedReviewAsync();
            Assert.Empty(await new ReviewNoteService(db, t._catalog, new ReviewService(db, t._catalog, t._time), t._time)
                .AddAsync(receiptId, 1, new(itemId, "EvidenceRequest", "The policy", new Section11.Core.Returns.DateInput("1", "1", "2999")), admin));
        },
        ["ReviewNoteService.SendToAgencyAsync"] = async (t, db, _) =>
        {
            var (receiptId, admin, itemId) = await t.StartedReviewAsync();
            await using (var other = t.Database.CreateContext())
            {
                Assert.Empty(await new ReviewNoteService(other, t._catalog, new ReviewService(other, t._catalog, t._time), t._time)
                    .AddAsync(receiptId, 1, new(itemId, "Challenge", "Why?", Section11.Core.Returns.DateInput.Empty), admin));
            }

            Assert.Empty(await new ReviewNoteService(db, t._catalog, new ReviewService(db, t._catalog, t._time), t._time).SendToAgencyAsync(receiptId, admin));
        },
        ["ReviewAnswerService.SaveDraftsAsync"] = async (t, db, _) =>
        {
            var (receiptId, agencyUser, noteId) = await t.SentReviewAsync();
            Assert.Empty(await new ReviewAnswerService(db, t._catalog, t._time).SaveDraftsAsync(receiptId, [new(noteId, "A draft")], agencyUser));
        },
        ["ReviewAnswerService.SendAsync"] = async (t, db, _) =>
        {
            var (receiptId, agencyUser, noteId) = await t.SentReviewAsync();
            Assert.Empty(await new ReviewAnswerService(db, t._catalog, t._time).SendAsync(receiptId, [new(noteId, "Our answer")], agencyUser));
        },
    };

    /// <summary>A receipt whose review sent one challenge to the agency: the receipt, the agency's lead and the challenge.</summary>
    private async Task<(int ReceiptId, string AgencyUser, int NoteId)> SentReviewAsync()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(Database, _catalog, _time);
        await using var db = Database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var reviews = new ReviewService(db, _catalog, _time);
        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin));
        var itemId = (await new ModerationService(db, _catalog, reviews, _time).GetStandardAsync(r.ReceiptId, 1))!.Items[0].ItemId;
        var notes = new ReviewNoteService(db, _catalog, reviews, _time);
        Assert.Empty(await notes.AddAsync(r.ReceiptId, 1, new(itemId, "Challenge", "Why?", Section11.Core.Returns.DateInput.Empty), admin));
        Assert.Empty(await notes.SendToAgencyAsync(r.ReceiptId, admin));
        return (r.ReceiptId, r.AgencyUser, await db.ReviewNotes.Where(n => n.ReceiptId == r.ReceiptId).Select(n => n.Id).SingleAsync());
    }

    /// <summary>A receipt whose review has started, an administrator of its partnership, and the id of item 1.1.</summary>
    private async Task<(int ReceiptId, string Administrator, int ItemId)> StartedReviewAsync()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(Database, _catalog, _time);
        await using var db = Database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var reviews = new ReviewService(db, _catalog, _time);
        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin));
        return (r.ReceiptId, admin, (await new ModerationService(db, _catalog, reviews, _time).GetStandardAsync(r.ReceiptId, 1))!.Items[0].ItemId);
    }

    /// <summary>A submitted return's receipt and an administrator of its partnership.</summary>
    private async Task<(int ReceiptId, string Administrator)> ReviewAsync()
    {
        var r = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        return (r.ReceiptId, await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin"));
    }
}
