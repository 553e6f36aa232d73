using Microsoft.AspNetCore.Identity;

namespace Section11.Core.Identity;

public class ApplicationUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>When a platform administrator deactivated the account; while set, nobody can sign in to it.</summary>
    public DateTime? DeactivatedAt { get; private set; }

    public bool IsDeactivated => DeactivatedAt is not null;

    /// <summary>The person turned off the optional notifications (<see cref="Notifications.NotificationKinds"/>).</summary>
    public bool OptionalEmailsOff { get; set; }

    /// <summary>
    /// Stops the account signing in. A new security stamp also ends, at their next check, any session that a
    /// revocation of the sessions table missed. False if it was already deactivated.
    /// </summary>
    public bool Deactivate(DateTime at)
    {
        if (IsDeactivated)
        {
            return false;
        }

        DeactivatedAt = at;
        SecurityStamp = Guid.NewGuid().ToString("N");
        ConcurrencyStamp = Guid.NewGuid().ToString();
        return true;
    }

    /// <summary>Lets the account sign in again (its old sessions stay ended). False if it was not deactivated.</summary>
    public bool Reactivate()
    {
        if (!IsDeactivated)
        {
            return false;
        }

        DeactivatedAt = null;
        ConcurrencyStamp = Guid.NewGuid().ToString();
        return true;
    }
}

public enum Role
{
    AgencyLead,
    AgencyContributor,
    SeniorSignatory,
    PartnershipAdministrator,
    PartnershipReviewer,
    PlatformAdministrator,

    /// <summary>
    /// Offered only (a <see cref="RoleGrant"/> with a round): a person of a peer agency reviewing one round's assigned
    /// returns. Accepting makes a <see cref="Review.PeerReviewer"/>, never a <see cref="RoleAssignment"/>.
    /// </summary>
    PeerReviewer,
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
