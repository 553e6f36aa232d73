using System.Net;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages;

/// <summary>
/// A date with an error marks only the boxes the error is about, and the error summary links to the first of them
/// (GOV.UK date input; WCAG 3.3.1): "must include a month" is the month box; a date that is wrong as a whole is all
/// three, linked at the day.
/// </summary>
[Trait("Category", "Accessibility")]
public sealed class DateInputErrorTests(PlanFixture app) : IClassFixture<PlanFixture>
{
    [Theory]
    [InlineData("1", "", "2027", "Date of sign-off must include a month", "month", "month")]
    [InlineData("", "3", "", "Date of sign-off must include a day and a year", "day year", "")]
    [InlineData("1", "3", "27", "Date of sign-off must include a year with 4 numbers, for example 2027", "year", "year")]
    [InlineData("31", "2", "2027", "Date of sign-off must be a real date", "day", "")]
    [InlineData("1", "13", "2027", "Date of sign-off must be a real date", "month", "month")]
    [InlineData("one", "3", "2027", "Date of sign-off must be a real date", "day", "")]
    [InlineData("a", "b", "c", "Date of sign-off must be a real date", "day month year", "")]
    public async Task Only_the_wrong_part_is_marked_and_the_summary_links_to_it(
        string day, string month, string year, string message, string marked, string linkedPart)
    {
        var page = await SubmitAsync("SignedOn", $"/returns/{app.Draft.ReturnId}/sign-off", null, day, month, year);

        Assert.Contains(message, page.ErrorSummary);
        Assert.Equal(marked, Marked(page, "SignedOn"));
        var link = "#SignedOn" + (linkedPart.Length == 0 ? "" : "-" + linkedPart);
        Assert.Equal(link, page.ErrorSummaryLinks[page.ErrorSummary.ToList().IndexOf(message)]);
        // The link leads to a box that is there, and marked.
        Assert.Contains("govuk-input--error", page.Document.QuerySelector(link)?.ClassName ?? "");
    }

    [Fact]
    public async Task A_date_in_a_list_of_answers_links_to_its_own_wrong_part()
    {
        var page = await SubmitAsync("Answers[0].Timescale", $"/returns/{app.Draft.ReturnId}/standards/1", "later", "1", "", "2027");

        Assert.Contains("Timescale for 1.1 must include a month", page.ErrorSummary);
        Assert.Contains("#Answers-0-Timescale-month", page.ErrorSummaryLinks);
        Assert.Equal("month", Marked(page, "Answers-0-Timescale"));
    }

    private async Task<HtmlClient.Page> SubmitAsync(string key, string url, string? button, string day, string month, string year)
    {
        var client = await app.SignedInAsync(app.Draft.Email);
        var form = await client.GetAsync(url);
        var result = await client.SubmitAsync(form, new Dictionary<string, string?> { [$"{key}.Day"] = day, [$"{key}.Month"] = month, [$"{key}.Year"] = year }, button);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        return result;
    }

    /// <summary>Which of the date's boxes carry the error style, in page order: "day month year".</summary>
    private static string Marked(HtmlClient.Page page, string id) => string.Join(" ",
        new[] { (id, "day"), ($"{id}-month", "month"), ($"{id}-year", "year") }
            .Where(box => page.Document.GetElementById(box.Item1)?.ClassList.Contains("govuk-input--error") == true)
            .Select(box => box.Item2));
}
