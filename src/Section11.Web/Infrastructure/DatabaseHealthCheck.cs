using Microsoft.Extensions.Diagnostics.HealthChecks;
using Section11.Core.Data;

namespace Section11.Web.Infrastructure;

public sealed class DatabaseHealthCheck(Section11DbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
