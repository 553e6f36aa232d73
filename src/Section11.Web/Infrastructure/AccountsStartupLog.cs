using Section11.Core.Email;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Says at start-up where emails go and how people sign in, so a misconfiguration is seen at once. (Without
/// Accounts:PublicBaseUrl the service does not start outside Development: see StartupChecks.)
/// </summary>
internal sealed class AccountsStartupLog(EmailSender email, OpenIdConnectSettings oidc, ILogger<AccountsStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Emails go to {Destination}", email.Destination);
        if (oidc.IsConfigured)
        {
            logger.LogInformation("Sign-in with {DisplayName} ({Authority}) is on", oidc.DisplayName, oidc.Authority);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
