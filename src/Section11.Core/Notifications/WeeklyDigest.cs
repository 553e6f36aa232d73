namespace Section11.Core.Notifications;

/// <summary>
/// A weekly digest claimed for one administrator of one open round. The unique index on (round, person, week) is what
/// makes each digest go out once however many web nodes look at the same moment: the row and its email (a
/// <see cref="Notification"/>) are inserted in one SaveChanges, and a node that loses the insert writes neither.
/// </summary>
public class WeeklyDigest
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public required string UserId { get; set; }

    /// <summary>Whole weeks since the round's launch (1 is the first week after it): the same on every node.</summary>
    public int Week { get; set; }

    /// <summary>When it was written; the next digest counts returns submitted since.</summary>
    public DateTime CreatedAt { get; set; }
}
