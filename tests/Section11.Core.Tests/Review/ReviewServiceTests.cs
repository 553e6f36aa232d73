using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Review;

/// <summary>Assigning reviewers to a receipt, and moving its review on, as saved.</summary>
[Trait("Category", "Review")]
public sealed class ReviewServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    [Fact]
    public async Task The_administrator_assigns_reviewers_and_unassigns_one_each_change_in_the_log()
    {
        var r = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var rita = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipReviewer, "Rita Reviewer");
        var reviews = new ReviewService(db, _catalog, _time);

        Assert.Empty(await reviews.AssignAsync(r.ReceiptId, [rita, admin], admin));
        Assert.Equal(["Ada Admin", "Rita Reviewer"], (await reviews.GetAsync(r.ReceiptId))!.Reviewers.Select(x => x.Name));
        Assert.Empty(await reviews.AssignAsync(r.ReceiptId, [rita], admin));

        await using var check = database.CreateContext();
        Assert.Equal([rita], await check.ReviewAssignments.Where(a => a.ReceiptId == r.ReceiptId).Select(a => a.UserId).ToListAsync());
        var log = await check.ChangeLog.Where(c => c.EntityType == "Receipt" && c.EntityId == r.ReceiptId.ToString() && c.Field == "Reviewer")
            .OrderBy(c => c.Id).Select(c => new { c.OldValue, c.NewValue, c.UserId, c.ReturnId }).ToListAsync();
        Assert.Equal(3, log.Count);
        Assert.Equal((admin, (string?)null), (log[2].OldValue!, log[2].NewValue));
        Assert.All(log, l => Assert.Equal((admin, (int?)null), (l.UserId, l.ReturnId)));
    }

    [Fact]
    public async Task Only_the_partnerships_reviewers_and_administrators_can_be_assigned()
    {
        var r = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        var other = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var elsewhere = await ReviewTestData.PartnershipPersonAsync(db, other.PartnershipId, Role.PartnershipReviewer, "Otto Other");
        var reviews = new ReviewService(db, _catalog, _time);

        var errors = await reviews.AssignAsync(r.ReceiptId, [elsewhere], admin);
        Assert.Equal(["Select reviewers from the people who review for this partnership"], errors.Select(e => e.Message));
        Assert.Equal(["Ada Admin"], (await reviews.GetCandidatesAsync(r.PartnershipId)).Select(c => c.Name));
        // The agency's own lead is not a reviewer of the partnership.
        Assert.NotEmpty(await reviews.AssignAsync(r.ReceiptId, [r.AgencyUser], admin));
        Assert.False(await db.ReviewAssignments.AnyAsync(a => a.ReceiptId == r.ReceiptId));
    }

    [Fact]
    public async Task Administrators_and_assigned_reviewers_may_moderate_an_unassigned_reviewer_may_not()
    {
        var r = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        var other = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var rita = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipReviewer, "Rita Reviewer");
        var ron = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipReviewer, "Ron Unassigned");
        var otherAdmin = await ReviewTestData.PartnershipPersonAsync(db, other.PartnershipId, Role.PartnershipAdministrator, "Otto Other");
        var reviews = new ReviewService(db, _catalog, _time);
        Assert.Empty(await reviews.AssignAsync(r.ReceiptId, [rita], admin));

        Assert.True(await reviews.MayModerateAsync(r.ReceiptId, admin));
        Assert.True(await reviews.MayModerateAsync(r.ReceiptId, rita));
        Assert.False(await reviews.MayModerateAsync(r.ReceiptId, ron));
        Assert.False(await reviews.MayModerateAsync(r.ReceiptId, otherAdmin));
        Assert.False(await reviews.MayModerateAsync(r.ReceiptId, r.AgencyUser));
    }

    [Fact]
    public async Task Starting_and_finishing_the_review_is_saved_on_the_receipt_and_a_second_start_is_refused()
    {
        var r = await ReviewTestData.SubmittedReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var reviews = new ReviewService(db, _catalog, _time);

        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin));
        Assert.Equal(["The review of this return has already started."], (await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin)).Select(e => e.Message));
        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Finish, admin));

        await using var check = database.CreateContext();
        Assert.Equal(ReviewState.Moderated, await check.Receipts.Where(x => x.Id == r.ReceiptId).Select(x => x.ReviewState).SingleAsync());
        Assert.Equal(2, await check.ChangeLog.CountAsync(c => c.EntityType == "Receipt" && c.EntityId == r.ReceiptId.ToString() && c.Field == "ReviewState"));
    }

    [Fact]
    public async Task A_draft_return_cannot_be_reviewed()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
        var receiptId = await db.Receipts.Where(x => x.ReturnId == created.ReturnId).Select(x => x.Id).SingleAsync();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, created.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");

        var errors = await new ReviewService(db, _catalog, _time).ActAsync(receiptId, ReviewAction.Start, admin);

        Assert.Equal(["Only a submitted return can be reviewed."], errors.Select(e => e.Message));
        Assert.Equal(ReviewState.NotStarted, await db.Receipts.Where(x => x.Id == receiptId).Select(x => x.ReviewState).SingleAsync());
    }
}
