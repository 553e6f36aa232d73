using Microsoft.Extensions.Options;
using Section11.Core.Notifications;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Writes the weekly digests that are due, then sends the notification outbox, every minute or so. Safe on every node:
/// each digest is claimed once by a unique index, and the dispatcher claims each row once.
/// </summary>
public sealed class NotificationWorker(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, ILogger<NotificationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes)));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                if (options.Value.WeeklyDigest)
                {
                    var digests = await scope.ServiceProvider.GetRequiredService<WeeklyDigestService>().WriteDueAsync(stoppingToken);
                    if (digests > 0)
                    {
                        logger.LogInformation("Wrote {Count} weekly digests", digests);
                    }
                }

                var sent = await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>().SendDueAsync(stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("Sent {Count} notifications", sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending notifications failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
