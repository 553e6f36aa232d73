namespace Section11.Core.Email;

/// <summary>
/// The emails that ask for consent across tenants: a partnership asking an agency to join it, and a role offered to
/// someone who already has an account. Each says who asked, what accepting means, and where to answer.
/// </summary>
public static class TenancyEmails
{
    private const string Footer =
        $"""
        {AccountEmails.ServiceName}

        This email was sent automatically by the {AccountEmails.ServiceName} service. Replies are not read.
        """;

    public static EmailMessage MembershipRequested(string to, string name, string agencyName, string partnershipName, string requestedBy, string link) =>
        new(to, name, $"{partnershipName} asks {agencyName} to join it",
            $"""
            Dear {name},

            {requestedBy} of {partnershipName} has asked to add {agencyName} to the partnership's member agencies.

            If you accept, the partnership can ask {agencyName} to complete its audit rounds. Its administrators and reviewers will see the returns and action plan areas of that partnership's rounds only, never those of other partnerships.

            Nothing changes until you answer. To accept or decline, use this link:
            {link}

            If you do not know this partnership, decline the request.

            {Footer}
            """);

    public static EmailMessage MembershipDecided(string to, string name, string agencyName, string partnershipName, bool accepted) =>
        new(to, name, $"{agencyName} has {(accepted ? "accepted" : "declined")} your request",
            $"""
            Dear {name},

            {agencyName} has {(accepted ? "accepted" : "declined")} the request to join {partnershipName}.

            {(accepted ? "It is now one of the partnership's member agencies." : "It will not appear among the partnership's member agencies.")}

            {Footer}
            """);

    public static EmailMessage RoleOffered(string to, string name, string offeredBy, string roleText, string forName, string link) =>
        new(to, name, $"You have been asked to be {roleText} for {forName}",
            $"""
            Dear {name},

            {offeredBy} has asked you to be {roleText} for {forName} on the {AccountEmails.ServiceName} service.

            You do not have this role until you accept it. To accept or decline, sign in and use this link:
            {link}

            If you were not expecting this, decline it.

            {Footer}
            """);
}
