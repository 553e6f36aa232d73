using Section11.Core.Auditing;
using Section11.Core.Review;

namespace Section11.Core.Returns;

/// <summary>The partnership's review of the return it received: its own state, never the agency's answers.</summary>
public partial class Receipt
{
    public ReviewState ReviewState { get; private set; }

    /// <summary>The people this partnership asked to review the return.</summary>
    public List<ReviewAssignment> Reviewers { get; set; } = [];

    /// <summary>
    /// Moves the review on by <paramref name="action"/> (<see cref="ReviewLifecycle"/>). The return must be loaded:
    /// only a submitted return can be reviewed. Returns why not, or null when done.
    /// </summary>
    public string? Review(ReviewAction action, Actor actor, List<ChangeLogEntry> log)
    {
        var status = Return?.Status;
        if (!ReviewLifecycle.Allows(ReviewState, status, action))
        {
            return ReviewLifecycle.Refusal(ReviewState, status, action);
        }

        var next = ReviewLifecycle.Next(ReviewState, action)!.Value;
        log.Add(ReviewChange(actor, nameof(ReviewState), ReviewState.ToString(), next.ToString()));
        ReviewState = next;
        return null;
    }

    /// <summary>
    /// A change to the review, not to the return: it carries no return id, so the return's history (which the agency
    /// and every receiving partnership read) leaves the partnership's review out.
    /// </summary>
    internal ChangeLogEntry ReviewChange(Actor actor, string field, string? oldValue, string? newValue) =>
        ChangeRecorder.Entry(actor, "Receipt", Id, field, oldValue, newValue);
}
