namespace Section11.Core.Organisations;

/// <summary>Where a request that needs someone's consent stands: a membership request or a role offered to an account.</summary>
public enum RequestOutcome
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>
/// A partnership asks to count an existing agency among its members. Agencies are shared between partnerships only
/// with their consent: until the agency's lead (or a platform administrator) accepts, the partnership sees nothing of
/// the agency but its name, and no <see cref="PartnershipMembership"/> exists.
/// </summary>
public class MembershipRequest
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public int AgencyId { get; set; }
    public required string RequestedById { get; set; }
    public DateTime RequestedAt { get; set; }
    public string? DecidedById { get; set; }
    public DateTime? DecidedAt { get; set; }
    public RequestOutcome Outcome { get; set; }

    /// <summary>Records the decision once; a decided request cannot change.</summary>
    public string? Decide(bool accept, string userId, DateTime at)
    {
        if (Outcome != RequestOutcome.Pending)
        {
            return $"This request was already {(Outcome == RequestOutcome.Accepted ? "accepted" : "declined")}.";
        }

        Outcome = accept ? RequestOutcome.Accepted : RequestOutcome.Declined;
        DecidedById = userId;
        DecidedAt = at;
        return null;
    }
}
