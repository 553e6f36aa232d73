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

        // Even the right password does not get in, and the page does not say why (see the test below).
        var page = await client.SignInAsync(lead.Email);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Enter a correct email address and password"], page.ErrorSummary);
        await using var db = factory.Database.CreateContext();
        Assert.Contains(db.SecurityEvents.Where(e => e.UserId == lead.UserId), e => e.Kind == Section11.Core.Auditing.SecurityEventKinds.LockedOut);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_locked_account_gets_the_same_answer_as_an_email_with_no_account_and_a_wrong_password()
    {
        var locked = await factory.CreateLeadAsync("masa-2018");
        var other = await factory.CreateLeadAsync("masa-2018");
        var unknown = $"{Guid.NewGuid():N}@agency.example";
        using var client = factory.CreateHtmlClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(locked.Email, "wrong-password");
            await client.SignInAsync(unknown, "wrong-password");
        }

        var answers = new[]
        {
            (await client.SignInAsync(locked.Email), locked.Email),
            (await client.SignInAsync(locked.Email, "wrong-password"), locked.Email),
            (await client.SignInAsync(unknown), unknown),
            (await client.SignInAsync(other.Email, "wrong-password"), other.Email),
        };
        foreach (var (page, email) in answers)
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(["Enter a correct email address and password"], page.ErrorSummary);
            Assert.Equal(Shown(answers[0].Item1, answers[0].Item2), Shown(page, email));
        }

        // The page as a person reads it, with their own email and the form's one-off token taken out.
        static string Shown(HtmlClient.Page page, string email) => System.Text.RegularExpressions.Regex.Replace(
            page.Document.QuerySelector("main")!.InnerHtml.Replace(email, "EMAIL", StringComparison.Ordinal),
            "<input[^>]*__RequestVerificationToken[^>]*>", "TOKEN");
    }

    [Fact]
    public async Task Sign_in_only_returns_to_addresses_on_this_site()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync("/sign-in?ReturnUrl=https://evil.example/");
        var password = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = lead.Email, ["Password"] = Section11Factory.Password });
        Assert.Equal("/sign-in/code", password.Location);
        var code = await client.SubmitAsync(await client.GetAsync(password.Location!), new Dictionary<string, string?> { ["Code"] = await factory.NextCodeAsync(lead.Email) });
        Assert.Equal("/", code.Location);
    }

    [Fact]
    public async Task Sign_in_asks_for_the_authenticator_code_and_then_goes_where_the_person_was_going()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var asked = await client.GetAsync($"/returns/{lead.ReturnId}");
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", asked.Location, StringComparison.Ordinal);

        var password = await client.SubmitAsync(await client.GetAsync(asked.Location!), new Dictionary<string, string?> { ["Email"] = lead.Email, ["Password"] = Section11Factory.Password });
        Assert.Equal($"/sign-in/code?ReturnUrl=%2Freturns%2F{lead.ReturnId}", password.Location);
        // Between the steps the person is not signed in.
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", (await client.GetAsync($"/returns/{lead.ReturnId}")).Location, StringComparison.Ordinal);

        var codePage = await client.GetAsync(password.Location!);
        Assert.Equal("Enter the code from your authenticator app", codePage.H1);
        var input = codePage.Document.QuerySelector("#Code")!;
        Assert.Equal("one-time-code", input.GetAttribute("autocomplete"));
        Assert.Equal("numeric", input.GetAttribute("inputmode"));

        var wrong = await client.SubmitAsync(codePage, new Dictionary<string, string?> { ["Code"] = "12345" });
        Assert.Equal(["Enter the code as 6 digits, like 123456"], wrong.ErrorSummary);
        Assert.Equal(["#Code"], wrong.ErrorSummaryLinks);
        Assert.Equal("12345", wrong.Value("Code"));

        var signedIn = await client.SubmitAsync(wrong, new Dictionary<string, string?> { ["Code"] = await factory.NextCodeAsync(lead.Email) });
        Assert.Equal($"/returns/{lead.ReturnId}", signedIn.Location);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/returns/{lead.ReturnId}")).Status);
    }

    [Fact]
    public async Task The_cookies_between_and_after_the_steps_are_secure_http_only_and_same_site()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var password = await client.SubmitAsync(await client.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Email"] = lead.Email, ["Password"] = Section11Factory.Password });
        var code = await client.SubmitAsync(await client.GetAsync(password.Location!), new Dictionary<string, string?> { ["Code"] = await factory.NextCodeAsync(lead.Email) });
        foreach (var cookie in new[]
        {
            password.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("section11-2fa=", StringComparison.Ordinal)),
            code.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("section11=", StringComparison.Ordinal)),
        })
        {
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_code_page_without_a_password_first_goes_back_to_sign_in()
    {
        using var client = factory.CreateHtmlClient();
        Assert.Equal("/sign-in", (await client.GetAsync("/sign-in/code")).Location);
        Assert.Equal("/sign-in", (await client.GetAsync("/sign-in/recovery-code")).Location);
    }

    [Fact]
    public async Task Sign_in_offers_a_forgotten_password_link_and_no_identity_provider_unless_one_is_configured()
    {
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync("/sign-in");
        Assert.NotNull(page.Document.QuerySelector("a[href='/account/forgot-password']"));
        Assert.Null(page.Document.QuerySelector("#sign-in-external"));
        Assert.Equal("current-password", page.Document.QuerySelector("#Password")!.GetAttribute("autocomplete"));
        Assert.Null(page.Document.QuerySelector("#Password")!.GetAttribute("onpaste"));
    }
}
