namespace Section11.Core.Auditing;

/// <summary>Sign-ins, failed sign-ins, denied requests and account changes, in UTC, never with a secret.</summary>
public class SecurityEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Kind { get; set; }
    public string? UserId { get; set; }
    public string? Email { get; set; }
    public string? Path { get; set; }
    public string? Detail { get; set; }
}
