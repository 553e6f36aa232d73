using Microsoft.AspNetCore.Hosting;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Account;

/// <summary>The application with an identity provider configured. Nothing contacts it until someone presses the button.</summary>
public sealed class OidcFactory : Section11Factory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:OpenIdConnect:Authority", "https://login.example.test/tenant/v2.0");
        builder.UseSetting("Authentication:OpenIdConnect:ClientId", "section11-tests");
        builder.UseSetting("Authentication:OpenIdConnect:ClientSecret", "not-a-real-secret");
        builder.UseSetting("Authentication:OpenIdConnect:DisplayName", "Northshire Council");
    }
}

public sealed class OpenIdConnectTests(OidcFactory factory) : IClassFixture<OidcFactory>
{
    [Fact]
    public async Task Sign_in_offers_the_identity_provider_by_name_when_one_is_configured()
    {
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync("/sign-in?ReturnUrl=%2Faccount");
        var button = page.Document.QuerySelector("#sign-in-external")!;
        Assert.Equal("Sign in with Northshire Council", button.TextContent.Trim());
        var form = button.Closest("form")!;
        Assert.Equal("/sign-in/external", form.GetAttribute("action"));
        Assert.Equal("/account", form.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        // The password form still comes first, and still works.
        Assert.Equal("Sign in", page.Document.QuerySelector("main form button[type=submit]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Coming_back_without_an_identity_from_the_provider_starts_sign_in_again()
    {
        using var client = factory.CreateHtmlClient();
        Assert.Equal("/sign-in", (await client.GetAsync("/sign-in/external/callback")).Location);
    }
}
