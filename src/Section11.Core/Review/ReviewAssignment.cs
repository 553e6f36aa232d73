using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>A person a partnership administrator asked to review one receipt (one agency's return in one round).</summary>
public class ReviewAssignment
{
    public int Id { get; set; }
    public int ReceiptId { get; set; }
    public Receipt Receipt { get; set; } = null!;
    public required string UserId { get; set; }
    public DateTime AssignedAt { get; set; }
    public required string AssignedById { get; set; }
}
