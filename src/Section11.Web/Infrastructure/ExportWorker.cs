using Microsoft.Extensions.Options;
using Section11.Core.Reporting.Exports;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Produces the requested full exports and deletes expired ones, every few seconds. Safe on every node: each job is
/// claimed once by a conditional UPDATE (<see cref="ExportJobService.ClaimAsync"/>), and the file lives in the database.
/// </summary>
public sealed class ExportWorker(IServiceScopeFactory scopes, IOptions<ExportOptions> options, ILogger<ExportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var produced = await scope.ServiceProvider.GetRequiredService<ExportJobService>().RunDueAsync(stoppingToken);
                if (produced > 0)
                {
                    logger.LogInformation("Produced {Count} data exports", produced);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Producing data exports failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
