namespace Section11.Core.Returns;

/// <summary>Where a return stands, as the round's tracker shows it (its status, and overdue past its date).</summary>
public enum TrackerStatus
{
    NotStarted,
    InProgress,
    AwaitingSignOff,
    Submitted,
    ReturnedForChanges,
    Overdue,

    /// <summary>Submitted before, reopened since (for another partnership, or by the agency): the revision is coming.</summary>
    BeingRevised,

    /// <summary>The round closed before this receipt's return was submitted: it stays unsubmitted, and is not counted.</summary>
    NotReceived,
}

public static class TrackerStatusExtensions
{
    public static string Label(this TrackerStatus status) => status switch
    {
        TrackerStatus.NotStarted => "Not started",
        TrackerStatus.InProgress => "In progress",
        TrackerStatus.AwaitingSignOff => "Awaiting sign-off",
        TrackerStatus.Submitted => "Submitted",
        TrackerStatus.ReturnedForChanges => "Returned for changes",
        TrackerStatus.BeingRevised => "Being revised",
        TrackerStatus.NotReceived => "Not received",
        _ => "Overdue",
    };

    /// <summary>The colour the status is shown in, always beside its label.</summary>
    public static string Colour(this TrackerStatus status) => status switch
    {
        TrackerStatus.NotStarted => "grey",
        TrackerStatus.InProgress => "blue",
        TrackerStatus.AwaitingSignOff => "purple",
        TrackerStatus.Submitted => "green",
        TrackerStatus.ReturnedForChanges => "amber",
        TrackerStatus.BeingRevised => "turquoise",
        TrackerStatus.NotReceived => "grey",
        _ => "red",
    };
}
