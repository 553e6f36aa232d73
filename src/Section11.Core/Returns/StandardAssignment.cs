namespace Section11.Core.Returns;

/// <summary>
/// The person the agency's lead asked to complete one standard of a return. One person per standard, or none; it is
/// delegation, not permission: anyone with edit rights can still edit every standard.
/// </summary>
public class StandardAssignment
{
    public int Id { get; set; }
    public int ReturnId { get; set; }
    public int StandardId { get; set; }
    public required string UserId { get; set; }
    public DateTime AssignedAt { get; set; }
    public required string AssignedById { get; set; }
}
