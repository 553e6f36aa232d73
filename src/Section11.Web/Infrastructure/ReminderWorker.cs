using Microsoft.Extensions.Options;
using Section11.Core.Reminders;

namespace Section11.Web.Infrastructure;

/// <summary>Looks for due reminders (returns, and evidence the partnerships asked for) every few minutes. Safe on every node: the service claims each reminder once.</summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, ILogger<ReminderWorker> logger) : BackgroundService
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
                var sent = await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDueAsync(stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("Sent {Count} return reminders", sent);
                }

                var evidence = await scope.ServiceProvider.GetRequiredService<Section11.Core.Review.EvidenceReminderService>().SendDueAsync(stoppingToken);
                if (evidence > 0)
                {
                    logger.LogInformation("Put {Count} evidence-due reminders in the outbox", evidence);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending reminders failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
