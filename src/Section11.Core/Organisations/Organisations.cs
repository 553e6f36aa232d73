using Section11.Core.Frameworks;

namespace Section11.Core.Organisations;

/// <summary>A Local Safeguarding Children Board or Multi-Agency Safeguarding Arrangements.</summary>
public class Partnership
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<PartnershipMembership> Memberships { get; set; } = [];
}

public enum Sector
{
    Health,
    Police,
    LocalAuthority,
    Education,
    VoluntaryAndCommunity,
    Other,
}

/// <summary>A partner organisation under the section 11 duty. May sit in several partnerships.</summary>
public class Agency
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public Sector Sector { get; set; }
}

public class PartnershipMembership
{
    public int PartnershipId { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
}

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
