using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Identity;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Account;

/// <summary>
/// The application with sessions checked against the account on every request (instead of every minute), so a test
/// sees "sign out everywhere" take effect at once, and every test shows MFA surviving that check.
/// </summary>
public sealed class AccountsFactory : Section11Factory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:SessionCheckInterval", "00:00:00");
    }

    public sealed record Invited(string Email, string Link, ReceivedEmail Mail);

    /// <summary>Invites a new person through the service; returns the link from the email that arrived over SMTP.</summary>
    public async Task<Invited> InviteAsync(string name = "Ada Lovelace")
    {
        var email = $"{Guid.NewGuid():N}@invited.example";
        using (var scope = Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync(email, name, "https://localhost");
            Assert.Empty(result.Errors);
        }

        var mail = await Smtp.WaitForAsync(email);
        return new(email, new Uri(mail.Link("https://localhost/account/accept/")).PathAndQuery, mail);
    }

    public sealed record Enrolled(string Email, IReadOnlyList<string> RecoveryCodes);

    /// <summary>Invited, password set, authenticator app set up: signed in on the client, with the recovery codes shown.</summary>
    public async Task<Enrolled> EnrolAsync(HtmlClient client, string password = Password)
    {
        var invited = await InviteAsync();
        var accept = await client.GetAsync(invited.Link);
        var setUp = await client.FollowAsync(await client.SubmitAsync(accept, new Dictionary<string, string?> { ["Password"] = password, ["ConfirmPassword"] = password }));
        Assert.Equal("Set up an authenticator app", setUp.H1);
        var codes = await client.SubmitAsync(setUp, new Dictionary<string, string?> { ["Code"] = await this.NextCodeAsync(invited.Email) });
        var shown = await client.FollowAsync(codes);
        return new(invited.Email, [.. shown.Document.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim())]);
    }

    public async Task<ApplicationUser> UserAsync(string email)
    {
        await using var db = Database.CreateContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    public async Task<IReadOnlyList<SecurityEvent>> SecurityEventsAsync(string email)
    {
        await using var db = Database.CreateContext();
        return await db.SecurityEvents.AsNoTracking().Where(e => e.Email == email).OrderBy(e => e.Id).ToListAsync();
    }

    public async Task WithUsersAsync(Func<UserManager<ApplicationUser>, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }
}
