namespace Section11.Core.Auditing;

/// <summary>One changed field: who, when, what, old and new value. Written in the same transaction as the change.</summary>
public class ChangeLogEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string UserId { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public int? ReturnId { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

/// <summary>Who is acting and when: passed into every write so the change log can record it.</summary>
public sealed record Actor(string UserId, DateTime At);
