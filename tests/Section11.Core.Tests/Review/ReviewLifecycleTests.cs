using Section11.Core.Auditing;
using Section11.Core.Returns;
using Section11.Core.Review;

namespace Section11.Core.Tests.Review;

/// <summary>The receipt's review moves only as the lifecycle table says, only for a submitted return, and says so in the change log.</summary>
[Trait("Category", "Review")]
public sealed class ReviewLifecycleTests
{
    private static readonly Actor Reviewer = new("reviewer-1", new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc));

    private static Receipt Received(ReturnStatus status = ReturnStatus.Submitted) => new() { Id = 7, ReturnId = 3, Return = new Return { Id = 3, Status = status } };

    [Fact]
    public void A_review_goes_from_not_started_through_the_agency_to_moderated_and_can_be_reopened()
    {
        var receipt = Received();
        var log = new List<ChangeLogEntry>();
        Assert.Equal(ReviewState.NotStarted, receipt.ReviewState);

        foreach (var (action, expected) in new[]
        {
            (ReviewAction.Start, ReviewState.InReview), (ReviewAction.SendToAgency, ReviewState.AwaitingAgency),
            (ReviewAction.AgencyAnswered, ReviewState.InReview), (ReviewAction.Finish, ReviewState.Moderated), (ReviewAction.Reopen, ReviewState.InReview),
        })
        {
            Assert.Null(receipt.Review(action, Reviewer, log));
            Assert.Equal(expected, receipt.ReviewState);
        }

        Assert.Equal(
            ["NotStarted>InReview", "InReview>AwaitingAgency", "AwaitingAgency>InReview", "InReview>Moderated", "Moderated>InReview"],
            log.Select(l => $"{l.OldValue}>{l.NewValue}"));
        Assert.All(log, l =>
        {
            Assert.Equal(("Receipt", "7", "ReviewState", "reviewer-1"), (l.EntityType, l.EntityId, l.Field, l.UserId));
            // The review is the partnership's, not the return's: it stays out of the return's history.
            Assert.Null(l.ReturnId);
        });
    }

    [Theory]
    [InlineData(ReviewAction.Finish, "Only a review in progress can be finished.")]
    [InlineData(ReviewAction.Reopen, "Only a moderated review can be reopened.")]
    [InlineData(ReviewAction.SendToAgency, "Only a review in progress can be sent to the agency.")]
    public void A_review_that_has_not_started_cannot_skip_ahead(ReviewAction action, string refusal)
    {
        var receipt = Received();
        var log = new List<ChangeLogEntry>();

        Assert.Equal(refusal, receipt.Review(action, Reviewer, log));
        Assert.Equal(ReviewState.NotStarted, receipt.ReviewState);
        Assert.Empty(log);
    }

    [Fact]
    public void A_started_review_cannot_start_again()
    {
        var receipt = Received();
        var log = new List<ChangeLogEntry>();
        Assert.Null(receipt.Review(ReviewAction.Start, Reviewer, log));

        Assert.Equal("The review of this return has already started.", receipt.Review(ReviewAction.Start, Reviewer, log));
        Assert.Single(log);
    }

    [Theory]
    [InlineData(ReturnStatus.Draft)]
    [InlineData(ReturnStatus.AwaitingSignOff)]
    [InlineData(ReturnStatus.ReturnedForChanges)]
    public void Only_a_submitted_return_can_be_reviewed(ReturnStatus status)
    {
        var receipt = Received(status);
        var log = new List<ChangeLogEntry>();

        Assert.Equal("Only a submitted return can be reviewed.", receipt.Review(ReviewAction.Start, Reviewer, log));
        Assert.Equal(ReviewState.NotStarted, receipt.ReviewState);
        Assert.Empty(log);
        Assert.False(ReviewLifecycle.CanModerate(ReviewState.InReview, status));
    }

    [Fact]
    public void A_receipt_with_no_return_yet_cannot_be_reviewed()
    {
        var receipt = new Receipt { Id = 8 };
        Assert.Equal("Only a submitted return can be reviewed.", receipt.Review(ReviewAction.Start, Reviewer, []));
    }

    [Fact]
    public void Ratings_can_be_moderated_only_while_the_review_is_open()
    {
        Assert.Equal(
            [ReviewState.InReview, ReviewState.AwaitingAgency],
            Enum.GetValues<ReviewState>().Where(s => ReviewLifecycle.CanModerate(s, ReturnStatus.Submitted)));
    }
}
