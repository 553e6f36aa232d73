namespace Section11.Web.Tests.Security;

/// <summary>
/// Peer-agency reviewers (docs/review.md, "Peer-agency reviewers"): the scenario's peer reviewer is a contributor of the
/// neighbour agency, a peer reviewer of the round and assigned to the own agency's receipt. They open that receipt's
/// review pages and the read-only return, and act on the review as an assigned reviewer does; every other page of the
/// partnership or the return is 404 to them, as to anyone with no role (the defaults of the matrix's helpers), except
/// a button of a page they may read that they may not use (403).
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static Func<Actor, Outcome> OpenToPeer(Func<Actor, Outcome> page) => a => a == Actor.PeerReviewer ? Outcome.Allowed : page(a);

    private static Func<Actor, Outcome> PeerForbidden(Func<Actor, Outcome> page) => a => a == Actor.PeerReviewer ? Outcome.Forbidden : page(a);

    /// <summary>The round's peer reviewers pages: its administrators only (a peer reviewer, like anyone without a role, 404).</summary>
    private static readonly Dictionary<string, Func<Actor, Outcome>> PeerReviewerMatrix = new()
    {
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/peer-reviewers"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/peer-reviewers/invite"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/peer-reviewers/{peerId:int}/remove"] = PartnershipAdmin,
    };

    private static readonly string[] PeerReviewerWrites =
    [
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/peer-reviewers/invite",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/peer-reviewers/{peerId:int}/remove",
    ];
}
