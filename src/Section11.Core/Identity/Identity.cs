using Microsoft.AspNetCore.Identity;

namespace Section11.Core.Identity;

public class ApplicationUser : IdentityUser
{
    public required string DisplayName { get; set; }
}

public enum Role
{
    AgencyLead,
    AgencyContributor,
    SeniorSignatory,
    PartnershipAdministrator,
    PartnershipReviewer,
    PlatformAdministrator,
}

/// <summary>A role held by a person for one agency or one partnership; a person may hold several.</summary>
public class RoleAssignment
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public Role Role { get; set; }
    public int? AgencyId { get; set; }
    public int? PartnershipId { get; set; }

    public static IReadOnlyList<Role> AgencyRoles { get; } = [Role.AgencyLead, Role.AgencyContributor, Role.SeniorSignatory];

    /// <summary>Roles that may change a return's answers.</summary>
    public static IReadOnlyList<Role> EditorRoles { get; } = [Role.AgencyLead, Role.AgencyContributor];
}
