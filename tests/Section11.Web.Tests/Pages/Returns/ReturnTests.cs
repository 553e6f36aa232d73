using System.Net;
using Section11.Core.Data;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

public sealed class ReturnTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task The_demo_return_is_half_completed_and_the_task_list_says_so()
    {
        using var client = factory.CreateHtmlClient();
        var home = await client.FollowAsync(await client.SignInAsync("gp.lead@riverside.example", DemoData.Password));
        Assert.Equal("Your returns", home.H1);
        var overview = await client.GetAsync(home.Document.QuerySelector("table a")!.GetAttribute("href")!);

        Assert.Equal("Riverside Medical Practice: Section 11 return", overview.H1);
        Assert.Equal("You have completed 4 of 9 standards.", overview.Text("#progress"));
        Assert.Equal(
            ["Completed", "Completed", "Completed", "Completed", "Not started", "Not started", "Not started", "Not started", "Not started"],
            overview.Document.QuerySelectorAll(".govuk-task-list__status[id^=standard]").Select(s => s.TextContent.Trim()));
        Assert.Equal("8 of 8 items rated", overview.Text("#standard-1-hint"));
        Assert.Equal("Standard 9: Additional requirements specific to the Local Authority (this standard will allow for local fit / any additional requirements your local Board may have)",
            overview.Document.QuerySelector("a[href$='/standards/9']")!.TextContent.Trim());
    }

    [Fact]
    [Trait("Category", "House")]
    public async Task The_overview_gives_the_templates_introduction_and_its_relevant_documents_as_links()
    {
        using var client = factory.CreateHtmlClient();
        var home = await client.FollowAsync(await client.SignInAsync("gp.lead@riverside.example", DemoData.Password));
        var overview = await client.GetAsync(home.Document.QuerySelector("table a")!.GetAttribute("href")!);

        Assert.Equal(["About this audit", "Guidance for completing this return", "Relevant documents"],
            overview.Document.QuerySelectorAll(".govuk-details__summary-text").Select(s => s.TextContent.Trim()));
        Assert.StartsWith("Part One", overview.Document.QuerySelector(".govuk-details__text")!.TextContent.Trim(), StringComparison.Ordinal);
        var documents = overview.Document.QuerySelectorAll("#relevant-documents a").ToList();
        Assert.Equal(5, documents.Count);
        Assert.Equal(("Working Together to Safeguard Children", "http://www.workingtogetheronline.co.uk/documents/Working%20TogetherFINAL.pdf"),
            (documents[0].TextContent.Trim(), documents[0].GetAttribute("href")));
    }

    [Fact]
    public async Task Check_answers_lists_what_is_left_before_submission()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);

        var check = await client.GetAsync($"/returns/{lead.ReturnId}/check-answers");

        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Contains("Standard 1: Select a rating for 1.1", check.Document.QuerySelectorAll("#problems li").Select(l => l.TextContent.Trim()));
        Assert.Empty(check.Document.QuerySelectorAll("a[href$='/sign-off']"));
        Assert.Equal(27, check.Document.QuerySelectorAll(".govuk-summary-list__row").Length - 7);
    }

    [Fact]
    public async Task Signing_off_an_incomplete_return_is_refused_with_the_reason()
    {
        var lead = await factory.CreateLeadWhoSignsAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var signOff = await client.GetAsync($"/returns/{lead.ReturnId}/sign-off");

        var result = await client.SubmitAsync(signOff, new Dictionary<string, string?>
        {
            ["SignatoryName"] = "A Director", ["PostHeld"] = "Director", ["DeclarationAccepted"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Standard 1: Select a rating for 1.1", result.ErrorSummary);
    }

    [Fact]
    public async Task Sign_off_errors_name_each_missing_field_and_keep_what_was_typed()
    {
        var lead = await factory.CreateLeadWhoSignsAsync("primary-care-2014");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var signOff = await client.GetAsync($"/returns/{lead.ReturnId}/sign-off");
        Assert.StartsWith("I agree this is an accurate reflection", signOff.Text("#declaration-text"), StringComparison.Ordinal);

        var result = await client.SubmitAsync(signOff, new Dictionary<string, string?>
        {
            ["SignatoryName"] = "", ["PostHeld"] = "Practice manager", ["SignedOn.Day"] = "40",
        });

        Assert.Equal(
            ["Enter the name of the senior manager signing off", "Date of sign-off must be a real date", "Confirm the declaration to submit the return"],
            result.ErrorSummary);
        Assert.Equal("Practice manager", result.Value("PostHeld"));
        Assert.Equal("40", result.Value("SignedOn.Day"));
    }
}
