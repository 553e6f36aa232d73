using Microsoft.AspNetCore.Mvc;
using Section11.Core.Surveys;

namespace Section11.Web.Pages.Shared.Components.AgencyTriangulation;

/// <summary>
/// What the all-staff survey says about one agency's ratings, shown in its report and in the partnership's review of
/// its return: a part of both pages with its own one service call, so neither page model makes a second.
/// Nothing is shown until the round's survey has closed. <c>resultsLink</c> is where the person can read more (the
/// agency lead's results, the administrators' triangulation), or null.
/// </summary>
public sealed class AgencyTriangulationViewComponent(SurveyService surveys) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int roundId, int agencyId, string? resultsLink)
    {
        var found = await surveys.GetAgencyTriangulationAsync(roundId, agencyId, HttpContext.RequestAborted);
        return found is null ? Content("") : View((found, resultsLink));
    }
}
