using System.Net;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.SignIn;

public sealed class SignInTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task Empty_fields_get_specific_errors()
    {
        using var client = factory.CreateHtmlClient();
        var page = await client.SubmitAsync(await client.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Email"] = "", ["Password"] = "" });
        Assert.Equal(["Enter your email address", "Enter your password"], page.ErrorSummary);
        Assert.Equal(["#Email", "#Password"], page.ErrorSummaryLinks);
    }

    [Fact]
    public async Task A_wrong_password_does_not_say_which_part_was_wrong_and_keeps_the_email()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var page = await client.SignInAsync(lead.Email, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Enter a correct email address and password"], page.ErrorSummary);
        Assert.Equal(lead.Email, page.Value("Email"));
    }

    [Fact]
    public async Task A_correct_password_signs_in_and_lists_the_agencys_returns()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var home = await client.FollowAsync(await client.SignInAsync(lead.Email));
        Assert.Equal("Your returns", home.H1);
        Assert.Equal($"/returns/{lead.ReturnId}", Assert.Single(home.Document.QuerySelectorAll("table a")).GetAttribute("href"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(lead.Email, "wrong-password");
        }

        var page = await client.SignInAsync(lead.Email);
        Assert.Equal(["Your account is locked after too many attempts. Try again in 15 minutes."], page.ErrorSummary);
    }

    [Fact]
    public async Task Sign_in_only_returns_to_addresses_on_this_site()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync("/sign-in?ReturnUrl=https://evil.example/");
        var result = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = lead.Email, ["Password"] = Section11Factory.Password });
        Assert.Equal("/", result.Location);
    }
}
