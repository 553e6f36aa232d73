namespace Section11.Core.Reminders;

/// <summary>
/// A reminder that has been claimed for sending. The unique index on (return, kind, due date) is what makes each
/// reminder go out once, however many web nodes look for due reminders at the same moment.
/// </summary>
public class ReminderSent
{
    public long Id { get; set; }
    public int ReturnId { get; set; }
    public required string Kind { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime ClaimedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
