namespace Section11.Web.Tests.Security;

/// <summary>The entries for posts and named handlers that need more than reading their page.</summary>
public sealed partial class AuthorizationMatrixTests
{
    /// <summary>Where posting needs more than reading the page.</summary>
    private static readonly Dictionary<string, Func<Actor, Outcome>> PostMatrix = new()
    {
        ["/agencies/{agencyId:int}/action-plan/actions/{actionId:int}"] = OwnRound(AgencyPage(Editors)),
        // Any reviewer of the partnership reads a standard's moderation; only an assigned one (or an administrator) saves it.
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/standards/{number:int}"] = OpenToPeer(PartnershipAdmin),
        // The partnership's reviewers read its feedback letter; only an administrator saves it.
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/letter"] = PartnershipAdmin,
        // The partnership's reviewers read a panel's outcome; only an administrator records it.
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/panels/{panelId:int}/agencies/{receiptId:int}"] = PartnershipAdmin,
    };

    /// <summary>Buttons that are a named handler of a page another person may read: posting one needs more.</summary>
    private static readonly Dictionary<(string Route, string Handler), Func<Actor, Outcome>> HandlerMatrix = new()
    {
        [("/returns/{returnId:int}/check-answers", "SendForSignOff")] = ReturnPage(Editors),
        [("/returns/{returnId:int}/view", "Withdraw")] = PeerForbidden(ReturnPage(Editors)),
        // The partnership's reviewers can read a review; only an assigned reviewer or an administrator changes it (the
        // scenario's reviewer is not assigned), and only an administrator reopens a finished one.
        [("/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}", "Start")] = OpenToPeer(PartnershipAdmin),
        [("/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}", "Finish")] = OpenToPeer(PartnershipAdmin),
        [("/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}", "Reopen")] = PeerForbidden(PartnershipAdmin),
        [("/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}", "SendToAgency")] = OpenToPeer(PartnershipAdmin),
        [("/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/standards/{number:int}", "Note")] = OpenToPeer(PartnershipAdmin),
        [("/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/letter", "Send")] = PartnershipAdmin,
    };
}
