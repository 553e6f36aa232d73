namespace Section11.Web.Tests.Security;

/// <summary>The all-staff survey's endpoints (docs/survey.md), kept here so the main matrix file stays under its size.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private static readonly Dictionary<string, Func<Actor, Outcome>> SurveyMatrix = new()
    {
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/details"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/questions/new"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/open"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/suggested-questions"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/results"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/results/{agencyId:int}"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/results/{agencyId:int}/export/{format}"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/export/{format}"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/free-text"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/triangulation"] = PartnershipAdmin,
        // The agency's lead only (its contributors and partnership people are refused, another agency's lead is 404);
        // the scenario's survey is still open, so the lead is told to wait for it to close.
        ["/agencies/{agencyId:int}/surveys/{roundId:int}/results"] = AgencyLead(orPlatform: false),
        // Answering needs only the agency's link: anyone, signed in or not, with no MFA asked.
        ["/survey/{token}"] = Public,
        ["/survey/{token}/confirmation"] = Public,
    };

    private static readonly string[] SurveyWrites =
    [
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/details",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/questions/new",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey/open",
    ];

    // Runs after the field initialisers of every part of the class, so the main tables exist to add to.
    static AuthorizationMatrixTests()
    {
        foreach (var (route, outcome) in SurveyMatrix)
        {
            Matrix.Add(route, outcome);
        }

        Writes.UnionWith(SurveyWrites);
        foreach (var (route, outcome) in PeerReviewerMatrix)
        {
            Matrix.Add(route, outcome);
        }

        Writes.UnionWith(PeerReviewerWrites);
    }
}
