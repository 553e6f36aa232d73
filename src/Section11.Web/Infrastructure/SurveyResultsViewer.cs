namespace Section11.Web.Infrastructure;

/// <summary>
/// Which survey results pages the person looking at a page may open, read off the folder filter's access: an agency's
/// lead opens its own results page; a partnership's administrator, that partnership's page of each agency's results.
/// A cited survey result (Pages/Shared/_SurveyCitation.cshtml) links to the one they can open, through
/// <see cref="Links.CitedSurveyResults"/>.
/// </summary>
public sealed record SurveyResultsViewer(bool LeadsAgency, IReadOnlyCollection<int> AdministeredPartnerships)
{
    public static SurveyResultsViewer Of(HttpContext context)
    {
        var features = context.Features;
        if (features.Get<AgencyAccess>() is { } agency)
        {
            return new(agency.IsLead, agency.AdministeredPartnerships ?? []);
        }

        if (features.Get<PartnershipAccess>() is { } partnership)
        {
            return new(false, partnership.CanAdminister ? [partnership.Partnership.Id] : []);
        }

        // Under /returns only the agency's lead answers a review; a partnership's roles there are not per partnership.
        return new(features.Get<ReturnAccess>()?.CanAnswerReview == true, []);
    }
}
