using Section11.Core.Accounts;
using Section11.Core.Data;

namespace Section11.Web.Commands;

/// <summary>`admin …`: account tasks for whoever runs the service, from the command line.</summary>
public static class AdminCommands
{
    public const string Usage = "Usage: admin invite-platform-admin EMAIL \"FULL NAME\" [--Setting=value ...]";

    /// <summary>Runs an admin command with the service's own configuration (appsettings, environment, and any --Setting=value after it).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is not ["invite-platform-admin", var email, var name, .. var settings]
            || email.StartsWith("--", StringComparison.Ordinal) || name.StartsWith("--", StringComparison.Ordinal))
        {
            output.WriteLine(Usage);
            return 1;
        }

        await using var app = Startup.Build([.. settings]);
        if (app.Services.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite)
        {
            // The embedded database migrates itself, so a first command before the first start works too.
            await Startup.MigrateAsync(app.Services);
        }

        return await InvitePlatformAdminAsync(app.Services, email, name, output);
    }

    /// <summary>The first platform administrator: an account with the role, and an invitation email to set a password.</summary>
    public static async Task<int> InvitePlatformAdminAsync(IServiceProvider services, string email, string name, TextWriter output)
    {
        using var scope = services.CreateScope();
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
        var result = await invitations.InvitePlatformAdministratorAsync(email, name, requestBase: null);
        if (result.Sent is not { } sent)
        {
            foreach (var error in result.Errors)
            {
                output.WriteLine(error.Message);
            }

            return 1;
        }

        output.WriteLine($"Invited {sent.Email} as a platform administrator. The invitation email went to {sent.DeliveredTo}.");
        output.WriteLine($"The link in it works once and expires at {Core.Email.AccountEmails.UkTime(sent.ExpiresAt)}.");
        return 0;
    }
}
