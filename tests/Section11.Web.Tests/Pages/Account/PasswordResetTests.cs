using System.Net;
using Section11.Core.Auditing;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Account;

public sealed class PasswordResetTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private async Task<HtmlClient.Page> AskAsync(HtmlClient client, string email)
    {
        var page = await client.GetAsync("/account/forgot-password");
        Assert.Equal("email", page.Document.QuerySelector("#Email")!.GetAttribute("autocomplete"));
        return await client.FollowAsync(await client.SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = email }));
    }

    [Fact]
    public async Task The_reset_email_has_a_link_that_sets_a_new_password_once()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var sent = await AskAsync(client, lead.Email);
        Assert.Equal("Check your email", sent.H1);
        Assert.Equal($"If {lead.Email} has an account, we have sent it a link to reset your password.", sent.Text("#sent-to"));

        var mail = await factory.Smtp.WaitForAsync(lead.Email);
        Assert.Equal("Reset your Section 11 safeguarding audit password", mail.Subject);
        Assert.Contains("It expires in 2 hours, at ", mail.Body, StringComparison.Ordinal);
        Assert.Contains("If you did not ask to reset your password, you can ignore this email", mail.Body, StringComparison.Ordinal);
        var link = new Uri(mail.Link("https://localhost/account/reset-password?")).PathAndQuery;

        var form = await client.GetAsync(link);
        Assert.Equal("Choose a new password", form.H1);
        var mismatch = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "something else" });
        Assert.Equal(["Enter the same password in both fields"], mismatch.ErrorSummary);
        var common = await client.SubmitAsync(mismatch, new Dictionary<string, string?> { ["Password"] = "iloveyou", ["ConfirmPassword"] = "iloveyou" });
        Assert.Equal(["Enter a password that is harder to guess: this one is on a list of common passwords"], common.ErrorSummary);
        var done = await client.SubmitAsync(common, new Dictionary<string, string?> { ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "a brand new passphrase" });
        Assert.Equal("/account/reset-password/done", done.Location);
        Assert.Equal("Your password has been reset", (await client.GetAsync(done.Location!)).H1);

        // The new password works (with the app's code still needed); the old one does not.
        using (var other = factory.CreateHtmlClient())
        {
            Assert.Equal(["Enter a correct email address and password"], (await other.SignInAsync(lead.Email)).ErrorSummary);
            Assert.Equal("/", (await other.SignInAsync(lead.Email, "a brand new passphrase")).Location);
        }

        var again = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.Status);
        Assert.Equal("This link to reset your password does not work", again.H1);
        Assert.Contains(await factory.SecurityEventsAsync(lead.Email), e => e is { Kind: SecurityEventKinds.PasswordSet, Detail: "reset by email link" });
    }

    [Fact]
    public async Task An_address_without_an_account_gets_the_same_page_and_no_email()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var nobody = $"{Guid.NewGuid():N}@nobody.example";
        using var client = factory.CreateHtmlClient();
        var unknown = await AskAsync(client, nobody);
        var known = await AskAsync(client, lead.Email);
        Assert.Equal(known.H1, unknown.H1);
        Assert.Equal(known.Text("main").Replace(lead.Email, "X", StringComparison.Ordinal), unknown.Text("main").Replace(nobody, "X", StringComparison.Ordinal));

        // Requests are handled in order, so once the second one's email has arrived the first would have too.
        await factory.Smtp.WaitForAsync(lead.Email);
        Assert.Empty(factory.Smtp.To(nobody));
    }

    [Fact]
    public async Task A_malformed_or_tampered_link_does_not_work()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync($"/account/reset-password?user={lead.UserId}&token=made-up");
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("This link to reset your password does not work", page.H1);
    }

    [Fact]
    public async Task Forgot_password_needs_an_email_address_in_the_right_format()
    {
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync("/account/forgot-password");
        var empty = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = "" });
        Assert.Equal(["Enter your email address"], empty.ErrorSummary);
        var wrong = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = "not an email" });
        Assert.Equal(["Enter an email address in the correct format, like name@example.com"], wrong.ErrorSummary);
        Assert.Equal("not an email", wrong.Value("Email"));
    }
}
