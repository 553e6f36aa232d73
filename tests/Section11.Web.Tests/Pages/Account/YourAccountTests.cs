using System.Net;
using Section11.Core.Auditing;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Account;

public sealed class YourAccountTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task Your_account_shows_who_you_are_and_how_many_recovery_codes_are_left()
    {
        using var client = factory.CreateHtmlClient();
        var enrolled = await factory.EnrolAsync(client);
        var page = await client.GetAsync("/account");
        Assert.Equal("Your account", page.H1);
        Assert.Equal("Ada Lovelace", page.Text("#name"));
        Assert.Equal(enrolled.Email, page.Text("#email"));
        Assert.Equal("You have 10 recovery codes left.", page.Text("#recovery-codes-left"));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_sessions_too()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var laptop = factory.CreateHtmlClient();
        using var phone = factory.CreateHtmlClient();
        await laptop.SignInAsync(lead.Email);
        await phone.SignInAsync(lead.Email);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/returns/{lead.ReturnId}")).Status);

        var account = await laptop.GetAsync("/account");
        var signedOut = await laptop.FollowAsync(await laptop.SubmitAsync(account, new Dictionary<string, string?>(), formSelector: "form[action$='SignOutEverywhere']"));
        Assert.Equal("You have signed out everywhere", signedOut.H1);

        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", (await laptop.GetAsync($"/returns/{lead.ReturnId}")).Location, StringComparison.Ordinal);
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", (await phone.GetAsync($"/returns/{lead.ReturnId}")).Location, StringComparison.Ordinal);
        Assert.Contains(await factory.SecurityEventsAsync(lead.Email), e => e.Kind == SecurityEventKinds.SignOutEverywhere);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var laptop = factory.CreateHtmlClient();
        using var phone = factory.CreateHtmlClient();
        await laptop.SignInAsync(lead.Email);
        await phone.SignInAsync(lead.Email);

        var form = await laptop.GetAsync("/account/change-password");
        var wrong = await laptop.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["CurrentPassword"] = "not my password", ["Password"] = "short", ["ConfirmPassword"] = "",
        });
        Assert.Equal(["Your current password is not correct", "Password must be 8 characters or more", "Enter the password again"], wrong.ErrorSummary);
        Assert.Equal(["#CurrentPassword", "#Password", "#ConfirmPassword"], wrong.ErrorSummaryLinks);
        Assert.All(wrong.Document.QuerySelectorAll("input[type=password]"), i => Assert.Null(i.GetAttribute("value")));

        var changed = await laptop.FollowAsync(await laptop.SubmitAsync(wrong, new Dictionary<string, string?>
        {
            ["CurrentPassword"] = Section11Factory.Password, ["Password"] = "a fresh and long passphrase", ["ConfirmPassword"] = "a fresh and long passphrase",
        }));
        Assert.Equal("Your password has been changed", changed.Text("#notice"));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync($"/returns/{lead.ReturnId}")).Status);
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", (await phone.GetAsync($"/returns/{lead.ReturnId}")).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        using var client = factory.CreateHtmlClient();
        var enrolled = await factory.EnrolAsync(client);
        var page = await client.GetAsync("/account");
        var shown = await client.FollowAsync(await client.SubmitAsync(page, new Dictionary<string, string?>(), formSelector: "form[action$='RecoveryCodes']"));
        Assert.Equal("Save your recovery codes", shown.H1);
        var fresh = shown.Document.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(enrolled.RecoveryCodes));
        Assert.Equal("/account", shown.Document.QuerySelector("a.govuk-button")!.GetAttribute("href"));

        await factory.WithUsersAsync(async users =>
        {
            var user = (await users.FindByEmailAsync(enrolled.Email))!;
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, enrolled.RecoveryCodes[0])).Succeeded);
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, fresh[0])).Succeeded);
        });
    }
}
