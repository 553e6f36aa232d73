using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Section11.Core.Data;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Readiness, for a load balancer: can this node commit a write? /health (liveness) only connects, and stays green
/// while writes fail. This one commits a real, durable write that changes nothing (the latest migration's row written
/// back as it is), so a read-only or full disk, or a read-only PostgreSQL, answers 503. On SQLite it first checks the
/// file is still where it was opened: with its folder deleted, SQLite would go on "saving" into an unlinked file.
/// </summary>
public sealed class ReadinessHealthCheck(Section11DbContext db, DatabaseSettings settings, ILogger<ReadinessHealthCheck> logger) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (settings.Provider == DatabaseProvider.Sqlite
            && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource is { } file
            && file != ":memory:" && !File.Exists(file))
        {
            logger.LogError("Not ready: the SQLite database {Database} no longer exists (was its folder deleted?). Writes would be lost.", Path.GetFullPath(file));
            return HealthCheckResult.Unhealthy($"The SQLite database {Path.GetFullPath(file)} no longer exists.");
        }

        try
        {
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = \"ProductVersion\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\")",
                cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogError(e, "Not ready: a write to the database failed.");
            return HealthCheckResult.Unhealthy("A write to the database failed: " + e.Message);
        }
    }
}
