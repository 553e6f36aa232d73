using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Section11.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database, from configuration: "Database:Provider" and "ConnectionStrings:Section11".</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/section11.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"] ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider is \"{providerText}\"; use Sqlite or Postgres.");
        }

        var connectionString = configuration.GetConnectionString("Section11");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("ConnectionStrings:Section11 is required when Database:Provider is Postgres.");
        }

        return new(provider, connectionString);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Section11.Migrations.Sqlite"))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                // Every commit waits for the WAL flush: a saved answer survives a crash.
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c synchronous_commit=on" };
                // The same few dozen statements run on every request: prepared once per connection, PostgreSQL stops
                // parsing and planning them each time. No session state is ever changed, so a pooled connection needs
                // no reset. A connection string that sets either keeps its own value. (Npgsql's own builder says
                // ContainsKey for every keyword it knows, set or not: ask a plain parse of the string what it sets.)
                if (!Sets(ConnectionString, "Max Auto Prepare", "MaxAutoPrepare"))
                {
                    builder.MaxAutoPrepare = 100;
                }

                if (!Sets(ConnectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
                {
                    builder.AutoPrepareMinUsages = 2;
                }

                if (!Sets(ConnectionString, "No Reset On Close", "NoResetOnClose"))
                {
                    builder.NoResetOnClose = true;
                }

                options.UseNpgsql(builder.ConnectionString, o => o.MigrationsAssembly("Section11.Migrations.Postgres"));
                break;
        }
    }

    /// <summary>Whether the connection string itself names the keyword (in either spelling), whatever its value.</summary>
    internal static bool Sets(string connectionString, params string[] keywords)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(parsed.ContainsKey);
    }

    /// <summary>Creates the folder an embedded SQLite file lives in.</summary>
    public void EnsureSqliteFolder()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}

/// <summary>WAL for concurrent readers, synchronous=FULL so a commit is on disk, foreign keys enforced.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddSection11Core(this IServiceCollection services, DatabaseSettings settings)
    {
        // Pooled: a request reuses a context instead of building one (and its services) from scratch.
        services.AddDbContextPool<Section11DbContext>(settings.Configure);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Frameworks.FrameworkCatalog>();
        services.AddScoped<Frameworks.FrameworkImporter>();
        services.AddScoped<Returns.ReturnService>();
        services.AddScoped<Home.HomeService>();
        services.AddScoped<Rounds.RoundService>();
        services.AddScoped<Organisations.PartnershipService>();
        services.AddScoped<Organisations.PeopleService>();
        services.AddScoped<Organisations.MembershipService>();
        services.AddScoped<Organisations.AgencyService>();
        services.AddScoped<Returns.SharingService>();
        services.AddScoped<Returns.AssignmentService>();
        services.AddScoped<Review.ReviewService>();
        services.AddScoped<Review.PeerReviewerService>();
        services.AddScoped<Review.ModerationService>();
        services.AddScoped<Surveys.SurveyService>();
        services.AddScoped<Review.ReviewNoteService>();
        services.AddScoped<Review.ReviewAnswerService>();
        services.AddScoped<Review.EvidenceReminderService>();
        services.AddScoped<Review.FeedbackLetterService>();
        services.AddScoped<Review.Panels.PanelService>();
        services.AddScoped<DemoData>();
        services.AddScoped<Auditing.SecurityLog>();
        services.AddScoped<Reminders.ReminderService>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<Notifications.NotificationDispatcher>();
        services.AddScoped<Notifications.WeeklyDigestService>();
        services.AddScoped<ActionPlans.ActionPlanService>();
        services.AddScoped<Reporting.RoundDataService>();
        services.AddScoped<Reporting.DashboardService>();
        services.AddScoped<Reporting.ReturnReportService>();
        services.AddScoped<Reporting.AnnualReportService>();
        services.AddScoped<Reporting.Exports.ExportJobService>();
        services.AddScoped<Api.ApiTokenService>();
        services.AddScoped<Api.PartnershipApiService>();
        return services;
    }
}
