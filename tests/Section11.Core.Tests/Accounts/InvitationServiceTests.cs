using Microsoft.EntityFrameworkCore;
using Section11.Core.Accounts;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Accounts;

public sealed class InvitationServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 15, 0, TimeSpan.Zero);

    private static string TokenIn(MimeKit.MimeMessage email) =>
        email.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("https://section11.example.org/account/accept/", StringComparison.Ordinal))
            ["https://section11.example.org/account/accept/".Length..];

    [Fact]
    public async Task An_invitation_creates_the_account_keeps_only_a_hash_and_emails_a_link_that_expires_in_seven_days()
    {
        await using var services = new AccountServices(database, new FixedTime(Now));
        var email = $"{Guid.NewGuid():N}@agency.example";
        var result = await services.Get<InvitationService>().InviteAsync(email, "Priya Shah", "https://ignored.example");

        Assert.Empty(result.Errors);
        var mail = Assert.Single(services.Emails());
        Assert.Equal(email, mail.To.Mailboxes.Single().Address);
        Assert.Contains("It expires in 7 days, at 3:15pm on 29 November 2026 (UK time).", mail.TextBody, StringComparison.Ordinal);
        var token = TokenIn(mail);
        Assert.Equal(43, token.Length);

        await using var db = database.CreateContext();
        var invitation = await db.Invitations.SingleAsync(i => i.UserId == result.Sent!.UserId);
        Assert.Equal(InvitationService.Hash(token), invitation.TokenHash);
        Assert.Equal(Now.UtcDateTime.AddDays(7), invitation.ExpiresAt);
        var user = await db.Users.SingleAsync(u => u.Id == result.Sent!.UserId);
        Assert.Equal("Priya Shah", user.DisplayName);
        Assert.Null(user.PasswordHash);
        Assert.False(user.EmailConfirmed);
    }

    [Fact]
    public async Task A_link_works_until_it_expires_and_only_once()
    {
        await using var services = new AccountServices(database, new FixedTime(Now));
        var invitations = services.Get<InvitationService>();
        await invitations.InviteAsync($"{Guid.NewGuid():N}@agency.example", "Tom Okafor", null);
        var token = TokenIn(services.Emails()[0]);

        services.Time.Now = Now.AddDays(7).AddSeconds(-1);
        Assert.Equal(InvitationStatus.Valid, (await invitations.FindAsync(token)).Status);
        services.Time.Now = Now.AddDays(7);
        Assert.Equal(InvitationStatus.Expired, (await invitations.FindAsync(token)).Status);
        Assert.Equal(InvitationStatus.Expired, (await invitations.AcceptAsync(token, "a long passphrase", "a long passphrase")).Status);

        services.Time.Now = Now.AddDays(1);
        var accepted = await invitations.AcceptAsync(token, "a long passphrase", "a long passphrase");
        Assert.True(accepted.Succeeded);
        Assert.True(accepted.User!.EmailConfirmed);
        Assert.Equal(InvitationStatus.Used, (await invitations.FindAsync(token)).Status);
        Assert.Equal(InvitationStatus.Used, (await invitations.AcceptAsync(token, "another passphrase", "another passphrase")).Status);
        Assert.Equal(InvitationStatus.Unknown, (await invitations.FindAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'))).Status);
    }

    [Fact]
    public async Task Accepting_a_second_invitation_resets_the_authenticator_app_and_lockout()
    {
        await using var services = new AccountServices(database, new FixedTime(Now));
        var invitations = services.Get<InvitationService>();
        var email = $"{Guid.NewGuid():N}@agency.example";
        await invitations.InviteAsync(email, "Jo Bennett", null);
        Assert.True((await invitations.AcceptAsync(TokenIn(services.Emails()[0]), "first passphrase", "first passphrase")).Succeeded);
        var user = (await services.Users.FindByEmailAsync(email))!;
        await DemoAccounts.EnableMfaAsync(services.Users, user);
        await services.Users.SetLockoutEndDateAsync(user, Now.AddHours(1));

        await invitations.InviteAsync(email, "Jo Bennett", null);
        var result = await invitations.AcceptAsync(TokenIn(services.Emails()[1]), "second passphrase", "second passphrase");

        Assert.Equal((InvitationStatus.Valid, ""), (result.Status, string.Join("; ", result.Errors.Select(e => e.Message))));
        Assert.False(await services.Users.GetTwoFactorEnabledAsync(user));
        Assert.NotEqual(DemoAccounts.AuthenticatorKey, await services.Users.GetAuthenticatorKeyAsync(user));
        Assert.False(await services.Users.IsLockedOutAsync(user));
        Assert.True(await services.Users.CheckPasswordAsync(user, "second passphrase"));
    }

    [Fact]
    public async Task A_platform_administrator_gets_the_role_once_however_often_invited()
    {
        await using var services = new AccountServices(database, new FixedTime(Now));
        var invitations = services.Get<InvitationService>();
        var email = $"{Guid.NewGuid():N}@platform.example";
        var first = await invitations.InvitePlatformAdministratorAsync(email, "Pat Admin", null);
        await invitations.InvitePlatformAdministratorAsync(email, "Pat Admin", null);

        await using var db = database.CreateContext();
        var role = await db.RoleAssignments.SingleAsync(r => r.UserId == first.Sent!.UserId);
        Assert.Equal(Role.PlatformAdministrator, role.Role);
        Assert.Null(role.AgencyId);
        Assert.Null(role.PartnershipId);
        Assert.Contains("as a platform administrator", services.Emails()[0].TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Pat", "Email", "Enter an email address")]
    [InlineData("pat at example", "Pat", "Email", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("pat@example.org", "", "DisplayName", "Enter the person's full name")]
    public async Task Invitations_need_an_email_address_and_a_name(string email, string name, string key, string message)
    {
        await using var services = new AccountServices(database, new FixedTime(Now));
        var result = await services.Get<InvitationService>().InviteAsync(email, name, null);
        var error = Assert.Single(result.Errors);
        Assert.Equal((key, message), (error.Key, error.Message));
        Assert.Empty(services.Emails());
    }
}
