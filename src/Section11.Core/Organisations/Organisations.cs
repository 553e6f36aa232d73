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

    /// <summary>Who the partnerships contact about the audit (optional; the safeguarding lead's account is separate).</summary>
    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }
}

public class PartnershipMembership
{
    public int PartnershipId { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
}
