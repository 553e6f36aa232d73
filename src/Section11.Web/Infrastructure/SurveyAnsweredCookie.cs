namespace Section11.Web.Infrastructure;

/// <summary>
/// The per-browser reminder that discourages answering the same survey twice (docs/survey.md): after a response is
/// saved, the browser gets a cookie named for the survey whose value is the same for everyone ("answered"). It holds
/// no identifier (a random per-browser id would be a device identifier, the very thing the survey never keeps), is
/// never stored by the service and is never read with the response. It only discourages: the page offers to answer
/// again, for a computer several staff share, and a post is never refused because of it.
/// </summary>
public static class SurveyAnsweredCookie
{
    public const string Prefix = "section11-survey-";
    public const string Value = "answered";

    public static string Name(int surveyId) => Prefix + surveyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool Has(HttpRequest request, int surveyId) => request.Cookies.TryGetValue(Name(surveyId), out var v) && v == Value;

    /// <summary>Marks this browser until the day after the survey closes, then the browser forgets it.</summary>
    public static void Mark(HttpResponse response, int surveyId, DateOnly closesOn) =>
        response.Cookies.Append(Name(surveyId), Value, new CookieOptions
        {
            Path = Links.SurveyLinks, HttpOnly = true, Secure = response.HttpContext.Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true,
            Expires = new DateTimeOffset(closesOn.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        });
}
