using Section11.Core.Organisations;

namespace Section11.Core.Identity;

/// <summary>
/// A role offered to a person who already has an account. It becomes a <see cref="RoleAssignment"/> only when the
/// person accepts it on their account page, so nobody can add a role to someone else's account in another tenant
/// without them knowing.
/// </summary>
public class RoleGrant
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public Role Role { get; set; }
    public int? AgencyId { get; set; }
    public int? PartnershipId { get; set; }

    /// <summary>For an agency role offered by a partnership administrator (an agency's first lead): that partnership.</summary>
    public int? ViaPartnershipId { get; set; }

    /// <summary>For <see cref="Role.PeerReviewer"/>: the one round the person is asked to review in (docs/review.md).</summary>
    public int? RoundId { get; set; }

    public required string GrantedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public RequestOutcome Outcome { get; set; }

    public string? Decide(bool accept, DateTime at)
    {
        if (Outcome != RequestOutcome.Pending)
        {
            return $"You already {(Outcome == RequestOutcome.Accepted ? "accepted" : "declined")} this role.";
        }

        Outcome = accept ? RequestOutcome.Accepted : RequestOutcome.Declined;
        DecidedAt = at;
        return null;
    }
}
