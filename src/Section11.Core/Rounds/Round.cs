using Section11.Core.Frameworks;
using Section11.Core.Organisations;

namespace Section11.Core.Rounds;

/// <summary>One partnership's audit cycle against one framework version.</summary>
public class Round
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership Partnership { get; set; } = null!;
    public int FrameworkVersionId { get; set; }
    public FrameworkVersion FrameworkVersion { get; set; } = null!;
    public required string Title { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Null while the administrator is still setting the round up; returns exist only once launched.</summary>
    public DateTime? LaunchedAt { get; set; }

    public string? CreatedById { get; set; }
}
