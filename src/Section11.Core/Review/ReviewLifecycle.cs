using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>Where one partnership's review of a receipt stands. Stored by name.</summary>
public enum ReviewState
{
    NotStarted,
    InReview,

    /// <summary>Challenges or evidence requests have been sent; the agency's answers are awaited.</summary>
    AwaitingAgency,
    Moderated,
}

/// <summary>What moves a review on.</summary>
public enum ReviewAction
{
    Start,

    /// <summary>The reviewers' challenges and evidence requests go to the agency.</summary>
    SendToAgency,

    /// <summary>The agency submitted its answers to them.</summary>
    AgencyAnswered,
    Finish,
    Reopen,
}

/// <summary>
/// The review cycle in one table: which action moves which state to which. The receipt's methods, the review page's
/// buttons and the docs all read it. A review is only of a submitted return (<see cref="ReturnLifecycle.CountingStatus"/>).
/// </summary>
public static class ReviewLifecycle
{
    private static readonly Dictionary<(ReviewState From, ReviewAction Action), ReviewState> Table = new()
    {
        [(ReviewState.NotStarted, ReviewAction.Start)] = ReviewState.InReview,
        [(ReviewState.InReview, ReviewAction.SendToAgency)] = ReviewState.AwaitingAgency,
        [(ReviewState.AwaitingAgency, ReviewAction.AgencyAnswered)] = ReviewState.InReview,
        [(ReviewState.InReview, ReviewAction.Finish)] = ReviewState.Moderated,
        [(ReviewState.Moderated, ReviewAction.Reopen)] = ReviewState.InReview,
    };

    /// <summary>The state the action leads to, or null when it is not open from <paramref name="from"/>.</summary>
    public static ReviewState? Next(ReviewState from, ReviewAction action) =>
        Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>Whether the action is open for a receipt whose return has <paramref name="status"/> (null: no return yet).</summary>
    public static bool Allows(ReviewState state, ReturnStatus? status, ReviewAction action) =>
        status == ReturnLifecycle.CountingStatus && Next(state, action) is not null;

    /// <summary>Every transition, for the docs and the tests.</summary>
    public static IEnumerable<(ReviewState From, ReviewAction Action, ReviewState To)> Transitions =>
        Table.Select(t => (t.Key.From, t.Key.Action, t.Value));

    /// <summary>Moderated ratings can be set while the review is open (in review or awaiting the agency).</summary>
    public static bool CanModerate(ReviewState state, ReturnStatus? status) =>
        status == ReturnLifecycle.CountingStatus && state is ReviewState.InReview or ReviewState.AwaitingAgency;

    public static string Refusal(ReviewState state, ReturnStatus? status, ReviewAction action) =>
        status != ReturnLifecycle.CountingStatus
            ? "Only a submitted return can be reviewed."
            : action switch
            {
                ReviewAction.Start => "The review of this return has already started.",
                ReviewAction.Finish => "Only a review in progress can be finished.",
                ReviewAction.Reopen => "Only a moderated review can be reopened.",
                ReviewAction.SendToAgency => "Only a review in progress can be sent to the agency.",
                _ => $"This cannot be done to a review that is {state.Label().ToLowerInvariant()}.",
            };

    public static string Label(this ReviewState state) => state switch
    {
        ReviewState.NotStarted => "Not started",
        ReviewState.InReview => "In review",
        ReviewState.AwaitingAgency => "Awaiting agency",
        _ => "Moderated",
    };

    /// <summary>The colour the state is shown in, always beside its label.</summary>
    public static string Colour(this ReviewState state) => state switch
    {
        ReviewState.NotStarted => "grey",
        ReviewState.InReview => "blue",
        ReviewState.AwaitingAgency => "amber",
        _ => "green",
    };

    /// <summary>What a button that takes the action says.</summary>
    public static string Verb(this ReviewAction action) => action switch
    {
        ReviewAction.Start => "Start review",
        ReviewAction.SendToAgency => "Send challenges to the agency",
        ReviewAction.AgencyAnswered => "Agency answered",
        ReviewAction.Finish => "Finish moderation",
        _ => "Reopen review",
    };
}
