using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Web.Infrastructure;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// Outside Development every cookie is Secure, so plain http can never work: such a request gets a page that says
/// HTTPS is needed, never a 500; behind a trusted proxy that ends TLS, pages work (issue 11, item 15).
/// </summary>
[Trait("Category", "Security")]
public sealed class HttpsOnlyTests(HttpsOnlyTests.BehindProxy server) : IClassFixture<HttpsOnlyTests.BehindProxy>
{
    private const string Heading = "This service must be used over HTTPS";

    /// <summary>Production with forwarded headers on (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), as behind a proxy.</summary>
    public sealed class BehindProxy : IAsyncLifetime
    {
        public ConfiguredFactory Factory { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Factory = await ConfiguredFactory.StartAsync("Production", new Dictionary<string, string?> { ["Demo:Enabled"] = null, ["FORWARDEDHEADERS_ENABLED"] = "true" });

        public Task DisposeAsync() => Factory.StopAsync();
    }

    [Fact]
    public async Task A_page_with_a_form_asked_for_over_http_says_https_is_needed_and_links_to_the_public_address()
    {
        using var client = server.Factory.CreateHttpClient();
        var page = await client.GetAsync("/sign-in?ReturnUrl=%2Faccount");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(Heading, page.H1);
        Assert.Equal("https://localhost/sign-in?ReturnUrl=%2Faccount", page.Document.QuerySelector("main a")!.GetAttribute("href"));
        Assert.Empty(page.Document.QuerySelectorAll("form"));
        Assert.Equal("no-store", page.Response.Headers.CacheControl?.ToString());

        // Load balancers' probes still get their answer over plain http.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).Status);

        // Through the proxy, which says the browser used HTTPS, the same page draws its form.
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var proxied = await client.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.OK, proxied.Status);
        Assert.NotNull(proxied.Document.QuerySelector("main form input[name='__RequestVerificationToken']"));
    }

    [Fact]
    public async Task A_form_posted_over_http_gets_the_same_page_and_is_not_acted_on()
    {
        using var client = server.Factory.CreateHttpClient();
        var email = $"{Guid.NewGuid():N}@agency.example";
        var page = await client.PostAsync("/sign-in", [new("Email", email), new("Password", "a guess at a password")]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(Heading, page.H1);
        Assert.Equal("https://localhost/", page.Document.QuerySelector("main a")!.GetAttribute("href"));
        await using var db = server.Factory.Database.CreateContext();
        Assert.False(await db.SecurityEvents.AnyAsync(e => e.Email == email));
    }

    [Fact]
    public async Task With_known_proxies_listed_a_forwarded_scheme_from_anyone_else_is_not_believed()
    {
        var factory = await ConfiguredFactory.StartAsync("Production", new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = null, ["FORWARDEDHEADERS_ENABLED"] = "true", ["ForwardedHeaders:KnownProxies"] = "10.9.9.9, 192.168.50.0/24",
        });
        try
        {
            using var client = factory.CreateHttpClient();
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            var page = await client.GetAsync("/sign-in");
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Equal(Heading, page.H1);
        }
        finally
        {
            await factory.StopAsync();
        }
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_address_stops_the_start_with_the_setting_named()
    {
        var refused = Assert.Throws<StartupConfigurationException>(() => Startup.Build(["--environment=Development", "--ForwardedHeaders:KnownProxies=10.0.0.1,proxy.internal"]));
        Assert.StartsWith("ForwardedHeaders:KnownProxies: \"proxy.internal\" is not an IP address or range", refused.Message, StringComparison.Ordinal);
    }
}
