using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Web.Commands;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Account;

public sealed class AdminCommandTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    /// <summary>The command as run from a shell, against the test database and SMTP listener.</summary>
    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        string[] settings =
        [
            $"--Database:Provider={factory.Database.Settings.Provider}",
            $"--ConnectionStrings:Section11={factory.Database.Settings.ConnectionString}",
            "--Demo:Enabled=false",
            "--Email:Smtp:Host=127.0.0.1",
            $"--Email:Smtp:Port={factory.Smtp.Port}",
            "--Email:Smtp:UseTls=false",
            "--Accounts:PublicBaseUrl=https://section11.example.org/",
            "--Logging:LogLevel:Default=Warning",
        ];
        var exit = await AdminCommands.RunAsync([.. args, .. settings], output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Invite_platform_admin_creates_the_administrator_and_emails_a_working_invitation()
    {
        var email = $"{Guid.NewGuid():N}@platform.example";
        var (exit, output) = await RunAsync("invite-platform-admin", email, "Pat Admin");

        Assert.Equal(0, exit);
        Assert.Contains($"Invited {email} as a platform administrator. The invitation email went to 127.0.0.1:{factory.Smtp.Port}.", output, StringComparison.Ordinal);
        await using (var db = factory.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.Equal("Pat Admin", user.DisplayName);
            Assert.Null(user.PasswordHash);
            var role = await db.RoleAssignments.SingleAsync(r => r.UserId == user.Id);
            Assert.Equal(Role.PlatformAdministrator, role.Role);
            Assert.Null(role.AgencyId);
            Assert.Null(role.PartnershipId);
        }

        var mail = await factory.Smtp.WaitForAsync(email);
        Assert.Contains("as a platform administrator", mail.Body, StringComparison.Ordinal);
        var link = mail.Link("https://section11.example.org/account/accept/");
        using var client = factory.CreateHtmlClient();
        Assert.Equal("Set your password", (await client.GetAsync(new Uri(link).PathAndQuery)).H1);

        // Running it again sends a new invitation but makes no second role.
        Assert.Equal(0, (await RunAsync("invite-platform-admin", email, "Pat Admin")).Exit);
        await using var db2 = factory.Database.CreateContext();
        Assert.Equal(1, await db2.RoleAssignments.CountAsync(r => db2.Users.Any(u => u.Id == r.UserId && u.Email == email)));
    }

    [Theory]
    [InlineData(new[] { "invite-platform-admin" }, AdminCommands.Usage)]
    [InlineData(new[] { "invite-platform-admin", "not-an-email", "Pat Admin" }, "Enter an email address in the correct format, like name@example.com")]
    [InlineData(new[] { "invite-platform-admin", "pat@example.org", " " }, "Enter the person's full name")]
    public async Task Wrong_arguments_say_what_is_wrong(string[] args, string message)
    {
        var (exit, output) = await RunAsync(args);
        Assert.Equal(1, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
