using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Account;

public sealed class InvitationTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private static Dictionary<string, string?> Passwords(string password, string? confirmation = null) =>
        new() { ["Password"] = password, ["ConfirmPassword"] = confirmation ?? password };

    [Fact]
    public async Task The_invitation_email_arrives_with_a_link_that_sets_the_password_and_goes_straight_to_mfa_set_up()
    {
        var invited = await factory.InviteAsync("Grace Hopper");
        Assert.Equal("You have been invited to the Section 11 safeguarding audit service", invited.Mail.Subject);
        Assert.Contains("Dear Grace Hopper,", invited.Mail.Body, StringComparison.Ordinal);
        Assert.Contains("It expires in 7 days, at ", invited.Mail.Body, StringComparison.Ordinal);
        Assert.Contains("The link works once.", invited.Mail.Body, StringComparison.Ordinal);

        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync(invited.Link);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Set your password", page.H1);
        Assert.Equal(invited.Email, page.Text("#invited-email"));
        Assert.All(page.Document.QuerySelectorAll("input[type=password]"), i => Assert.Equal("new-password", i.GetAttribute("autocomplete")));

        var done = await client.SubmitAsync(page, Passwords("a long and memorable passphrase"));
        Assert.Equal("/account/set-up-mfa", done.Location);
        Assert.Equal("Set up an authenticator app", (await client.FollowAsync(done)).H1);

        // Only the token's hash is stored, and the invitation is used up; the email is confirmed.
        var token = invited.Link["/account/accept/".Length..];
        await using var db = factory.Database.CreateContext();
        var invitation = await db.Invitations.SingleAsync(i => i.UserId == db.Users.Single(u => u.Email == invited.Email).Id);
        Assert.Equal(InvitationService.Hash(token), invitation.TokenHash);
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.NotNull(invitation.UsedAt);
        Assert.True((await factory.UserAsync(invited.Email)).EmailConfirmed);
        Assert.Contains(await factory.SecurityEventsAsync(invited.Email), e => e.Kind == SecurityEventKinds.PasswordSet);
    }

    [Theory]
    [InlineData("", "", "Enter a password", "Enter the password again")]
    [InlineData("short", "short", "Password must be 8 characters or more", null)]
    [InlineData("password1", "password1", PasswordRules.Common, null)]
    [InlineData("Sunshine", "Sunshine", PasswordRules.Common, null)]
    [InlineData("a long and memorable passphrase", "a long and memorable passfrase", null, "Enter the same password in both fields")]
    public async Task A_password_that_breaks_a_rule_gets_a_specific_message_linked_to_its_field(string password, string confirmation, string? passwordError, string? confirmationError)
    {
        var invited = await factory.InviteAsync();
        using var client = factory.CreateHtmlClient();
        var page = await client.SubmitAsync(await client.GetAsync(invited.Link), Passwords(password, confirmation));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Error: Set your password", page.Title, StringComparison.Ordinal);
        var expected = new[] { (passwordError, "#Password"), (confirmationError, "#ConfirmPassword") }.Where(e => e.Item1 is not null).ToList();
        Assert.Equal(expected.Select(e => e.Item1!), page.ErrorSummary);
        Assert.Equal(expected.Select(e => e.Item2), page.ErrorSummaryLinks);
        // The link still works after a mistake.
        Assert.Null((await factory.UserAsync(invited.Email)).PasswordHash);
        Assert.Equal("Set your password", (await client.GetAsync(invited.Link)).H1);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    public async Task Long_passwords_are_accepted(int length)
    {
        var invited = await factory.InviteAsync();
        using var client = factory.CreateHtmlClient();
        var password = string.Concat(Enumerable.Repeat("correct horse battery staple ", 5))[..length];
        var done = await client.SubmitAsync(await client.GetAsync(invited.Link), Passwords(password));
        Assert.Equal("/account/set-up-mfa", done.Location);
    }

    [Fact]
    public async Task A_password_over_128_characters_is_refused()
    {
        var invited = await factory.InviteAsync();
        using var client = factory.CreateHtmlClient();
        var page = await client.SubmitAsync(await client.GetAsync(invited.Link), Passwords(new string('x', 129)));
        Assert.Equal([PasswordRules.TooLong], page.ErrorSummary);
    }

    [Fact]
    public async Task A_used_link_says_so_and_cannot_set_the_password_again()
    {
        var invited = await factory.InviteAsync();
        using (var first = factory.CreateHtmlClient())
        {
            var accept = await first.GetAsync(invited.Link);
            Assert.Equal("/account/set-up-mfa", (await first.SubmitAsync(accept, Passwords("the first passphrase set"))).Location);
        }

        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync(invited.Link);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("This invitation link has already been used", page.H1);
        Assert.Empty(page.Document.QuerySelectorAll("input[type=password]"));

        // A form kept open from before the first use changes nothing either.
        var antiforgery = await client.GetAsync("/sign-in");
        var posted = await client.PostAsync(invited.Link, [
            new("Password", "a second passphrase"), new("ConfirmPassword", "a second passphrase"),
            new("__RequestVerificationToken", antiforgery.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
        Assert.Equal(HttpStatusCode.Gone, posted.Status);
        Assert.Equal("This invitation link has already been used", posted.H1);
        await factory.WithUsersAsync(async users =>
        {
            var user = (await users.FindByEmailAsync(invited.Email))!;
            Assert.True(await users.CheckPasswordAsync(user, "the first passphrase set"));
        });
    }

    [Fact]
    public async Task An_expired_link_says_so_and_what_to_do()
    {
        var invited = await factory.InviteAsync();
        await using (var db = factory.Database.CreateContext())
        {
            var hash = InvitationService.Hash(invited.Link["/account/accept/".Length..]);
            await db.Invitations.Where(i => i.TokenHash == hash).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync(invited.Link);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("Your invitation link has expired", page.H1);
        Assert.Contains("ask the person who invited you to send a new invitation", page.Text("main"), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("input[type=password]"));
    }

    [Fact]
    public async Task A_new_invitation_ends_the_earlier_link()
    {
        var invited = await factory.InviteAsync();
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync(invited.Email, "Ada Lovelace", "https://localhost");
        }

        var second = await factory.Smtp.WaitForAsync(invited.Email, skip: 1);
        using var client = factory.CreateHtmlClient();
        Assert.Equal("Your invitation link has expired", (await client.GetAsync(invited.Link)).H1);
        Assert.Equal("Set your password", (await client.GetAsync(new Uri(second.Link("https://localhost/account/accept/")).PathAndQuery)).H1);
    }

    [Theory]
    [InlineData("/account/accept/not-a-token")]
    [InlineData("/account/accept/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_link_is_not_found_with_advice(string url)
    {
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("This invitation link is not valid", page.H1);
    }
}
