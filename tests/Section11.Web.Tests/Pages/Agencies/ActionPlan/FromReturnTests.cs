using System.Net;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Agencies.ActionPlan;

/// <summary>A draft return's "from return" page says it must be submitted first, and offers nothing to add.</summary>
public sealed class FromReturnTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    [Trait("Category", "Operations")]
    public async Task A_draft_returns_page_says_the_return_must_be_submitted_first()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);

        var page = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/from-return/{lead.ReturnId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("This return must be submitted first.", page.Text("#not-submitted p"), StringComparison.Ordinal);
        Assert.Equal($"/returns/{lead.ReturnId}", page.Document.QuerySelector("#not-submitted a")!.GetAttribute("href"));
        Assert.Null(page.Document.QuerySelector("main form"));
        Assert.DoesNotContain("These items were rated below", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
