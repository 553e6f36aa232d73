namespace Section11.Core.Accounts;

/// <summary>
/// A single-use link that lets an invited person set their password. Only a hash of the token is stored, so a
/// copy of the database cannot be used to take over an account.
/// </summary>
public class Invitation
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public string? CreatedById { get; set; }
}
