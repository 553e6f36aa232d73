using Section11.Core.Data;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Review;

/// <summary>
/// A person of a peer agency (typically the lead of another member agency) whom the partnership's administrator asked
/// to review returns in one round only. Not a role in the partnership: the person sees the receipts of this round
/// assigned to them, and nothing else (<see cref="PeerReviewerRules"/>). Until <see cref="AcceptedAt"/> is set (an
/// existing account accepts the offer on its account page) the person is only invited.
/// </summary>
public class PeerReviewer
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public Round Round { get; set; } = null!;
    public required string UserId { get; set; }

    /// <summary>The agency the person reviews for: never assigned to this agency's own return.</summary>
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;

    public required string InvitedById { get; set; }
    public DateTime InvitedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }

    public bool IsAccepted => AcceptedAt is not null;
}

/// <summary>
/// The one home of what a peer reviewer may reach: the receipts assigned to them in a round that is still open, while
/// they are an accepted peer reviewer of it. Removing them, or closing the round, ends it at once.
/// </summary>
public static class PeerReviewerRules
{
    /// <summary>The person's accepted peer-reviewer places in rounds not yet closed.</summary>
    public static IQueryable<PeerReviewer> Active(Section11DbContext db, string userId) =>
        db.PeerReviewers.Where(p => p.UserId == userId && p.AcceptedAt != null && p.Round.ClosedAt == null);

    /// <summary>The receipts a peer reviewer may open: assigned to them, in a round where they are an active peer reviewer.</summary>
    public static IQueryable<Receipt> Reachable(Section11DbContext db, string userId) =>
        db.Receipts.Where(x => db.ReviewAssignments.Any(a => a.ReceiptId == x.Id && a.UserId == userId)
            && Active(db, userId).Any(p => p.RoundId == x.RoundId));

    /// <summary>Why this peer reviewer cannot review this agency's return, or null: it is their own agency's.</summary>
    public static string? RefuseOwnAgency(string name, string agencyName, bool ownAgency) =>
        ownAgency ? $"{name} is of {agencyName}, so cannot review {Wording.Possessive(agencyName)} own return" : null;
}
