using System.Net;
using Microsoft.AspNetCore.Hosting;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages;

/// <summary>
/// The accessibility statement has what the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
/// Accessibility Regulations 2018 require, and every page has the service's own icon.
/// </summary>
[Trait("Category", "Accessibility")]
public sealed class AccessibilityTests(AccessibilityTests.ContactFactory factory) : IClassFixture<AccessibilityTests.ContactFactory>
{
    public sealed class ContactFactory : Section11Factory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Accessibility:ContactEmail", "accessibility@partnership.example");
        }
    }

    [Fact]
    public async Task The_statement_gives_the_status_known_problems_contact_enforcement_testing_and_dates()
    {
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync("/accessibility");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Accessibility statement for Section11", page.H1);
        Assert.Contains("partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard", page.Text("#compliance-status"), StringComparison.Ordinal);
        var problems = page.Document.QuerySelectorAll("#known-problems li").Select(li => li.TextContent).ToList();
        // Fixed, so off the list: the idle timeout without JavaScript (2.2.1) and the parts of a date (3.3.1).
        Assert.DoesNotContain(problems, p => p.Contains("2.2.1", StringComparison.Ordinal) || p.Contains("3.3.1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PDF", StringComparison.Ordinal) && p.Contains("1.3.1", StringComparison.Ordinal));
        Assert.DoesNotContain("JavaScript is turned off, you are not warned", page.Text("#how-accessible + p + ul"), StringComparison.Ordinal);
        Assert.Contains("different format", page.Text("#feedback + p"), StringComparison.Ordinal);
        Assert.Equal("mailto:accessibility@partnership.example", page.Document.QuerySelector("#contact a")!.GetAttribute("href"));
        Assert.Contains("Equality and Human Rights Commission (EHRC)", page.Text("#enforcement + p"), StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#enforcement ~ p a[href='https://www.equalityadvisoryservice.com/']"));
        Assert.NotNull(page.Document.QuerySelector("#enforcement ~ p a[href='https://www.equalityni.org/Home']"));
        Assert.Contains("axe", page.Text("#how-tested"), StringComparison.Ordinal);
        Assert.Contains("320", page.Text("#how-tested"), StringComparison.Ordinal);
        Assert.Equal("This statement was prepared on 1 December 2026. It was last reviewed on 2 December 2026.", page.Text("#prepared"));
    }

    [Fact]
    public async Task Every_page_names_the_services_own_icon_and_the_icon_is_served()
    {
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync("/accessibility");
        Assert.Equal(["/favicon.ico", "/favicon.svg"], page.Document.QuerySelectorAll("link[rel=icon]").Select(l => l.GetAttribute("href")));

        foreach (var (path, type) in new[] { ("/favicon.ico", "image/x-icon"), ("/favicon.svg", "image/svg+xml"), ("/apple-touch-icon.png", "image/png") })
        {
            using var response = await client.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }
    }
}
