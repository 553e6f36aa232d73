using System.Net;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages;

public sealed class HealthAndHeadersTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        using var client = factory.CreateHtmlClient();
        var response = await client.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ping_answers_pong_to_anyone_for_the_load_driver()
    {
        using var client = factory.CreateHtmlClient();
        var response = await client.Http.GetAsync("/ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sign-in")]
    [InlineData("/accessibility")]
    [InlineData("/no-such-page")]
    public async Task Every_page_carries_the_security_headers(string url)
    {
        using var client = factory.CreateHtmlClient();
        var response = await client.Http.GetAsync(url);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style_for_the_policy_to_block()
    {
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync("/sign-in");
        Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
        Assert.Empty(page.Document.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Cookies_are_secure_http_only_and_same_site()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var result = await client.SignInAsync(lead.Email);
        var auth = result.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("section11=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var result = await client.PostAsync($"/returns/{lead.ReturnId}/standards/1", [new("Version", "0"), new("action", "continue")]);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
    }
}
