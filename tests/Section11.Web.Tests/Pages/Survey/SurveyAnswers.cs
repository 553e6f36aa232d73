using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Survey;

/// <summary>A complete answer to the survey a page shows: the first choice of every radio group and box list.</summary>
public static class SurveyAnswers
{
    public static Dictionary<string, string?> Valid(HtmlClient.Page form) =>
        form.Document.QuerySelectorAll("main form input[type=radio], main form input[type=checkbox]")
            .GroupBy(i => i.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => (string?)g.First().GetAttribute("value"));
}
