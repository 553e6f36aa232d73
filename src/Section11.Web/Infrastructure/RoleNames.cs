using Section11.Core.Identity;

namespace Section11.Web.Infrastructure;

public static class RoleNames
{
    public static string Of(Role role) => role switch
    {
        Role.AgencyLead => "Agency safeguarding lead",
        Role.AgencyContributor => "Contributor",
        Role.SeniorSignatory => "Senior signatory",
        Role.PartnershipAdministrator => "Partnership administrator",
        Role.PartnershipReviewer => "Partnership reviewer",
        Role.PeerReviewer => "Peer reviewer",
        _ => "Platform administrator",
    };

    public static string Hint(Role role) => role switch
    {
        Role.AgencyLead => "Completes the agency's return, assigns contributors and sends it for sign-off",
        Role.AgencyContributor => "Helps complete the agency's return",
        Role.SeniorSignatory => "A senior manager who signs off and submits the agency's return",
        Role.PartnershipAdministrator => "Sets up rounds, members and people; sees every return in the partnership",
        Role.PartnershipReviewer => "Reads every return in the partnership",
        Role.PeerReviewer => "Reviews the returns of other agencies assigned to you in this round only, and sees nothing else of the partnership",
        _ => "",
    };
}
