using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using Section11.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Section11.Core.Frameworks;
using Section11.Core.Identity;

namespace Section11.Bench.Data;

/// <summary>`generate national --connection "Host=…;Database=…"`: a national-scale data set for load tests (PostgreSQL only).</summary>
public static class GenerateCommand
{
    public const string Usage =
        "Usage: generate national --connection \"Host=…;Database=…;Username=…\" [--seed 11] [--bench-leads 2000] [--partnerships 132] [--frameworks DIR]";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is not ["national", .. var rest] || Option(rest, "--connection") is not { } connection)
        {
            output.WriteLine(Usage);
            return 1;
        }

        var watch = Stopwatch.StartNew();
        var options = new NationalOptions();
        if (Option(rest, "--partnerships") is { } partnerships)
        {
            options = options.ScaledTo(int.Parse(partnerships, CultureInfo.InvariantCulture));
        }

        options = options with
        {
            Seed = Option(rest, "--seed") is { } seed ? int.Parse(seed, CultureInfo.InvariantCulture) : options.Seed,
            BenchLeads = Option(rest, "--bench-leads") is { } leads ? int.Parse(leads, CultureInfo.InvariantCulture) : options.BenchLeads,
        };

        await CreateDatabaseAsync(connection, output);
        await using var services = Services(connection);
        await PrepareDatabaseAsync(services, Option(rest, "--frameworks") ?? FindFrameworks(), output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Migrated and loaded frameworks in {watch.Elapsed.TotalSeconds:F1} s."));

        using var scope = services.CreateScope();
        var generator = new NationalDataGenerator(scope.ServiceProvider.GetRequiredService<Section11DbContext>(), new PasswordHasher<ApplicationUser>(), output);
        var report = await generator.GenerateAsync(options);
        output.WriteLine();
        output.WriteLine("| table | rows | seconds |");
        output.WriteLine("| --- | ---: | ---: |");
        foreach (var (table, rows, took) in report.Tables)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {rows:N0} | {took.TotalSeconds:F1} |"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done in {watch.Elapsed.TotalSeconds:F0} s ({report.Elapsed.TotalSeconds:F0} s generating). Bench users: bench-lead-1…{options.BenchLeads}@bench.example, "
            + $"bench-admin-1…{options.Partnerships}@bench.example, password {NationalOptions.BenchPassword}, authenticator key {Section11.Core.Accounts.DemoAccounts.AuthenticatorKey}."));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Section11.Core's services on the PostgreSQL database, as the server has them (no web host needed).</summary>
    private static ServiceProvider Services(string connection)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSection11Core(new DatabaseSettings(DatabaseProvider.Postgres, connection));
        return services.BuildServiceProvider();
    }

    /// <summary>The same preparation as a server start: migrate under the start-up lock, then load the frameworks.</summary>
    private static async Task PrepareDatabaseAsync(IServiceProvider services, string? frameworks, TextWriter output)
    {
        if (frameworks is null || !Directory.Exists(frameworks))
        {
            throw new InvalidOperationException("No frameworks folder found: pass --frameworks DIR.");
        }

        using var scope = services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        await StartupLock.MigrateAsync(scope.ServiceProvider.GetRequiredService<Section11DbContext>(), settings, NullLogger.Instance);
        foreach (var result in await scope.ServiceProvider.GetRequiredService<FrameworkImporter>().ImportDirectoryAsync(frameworks))
        {
            if (result.Outcome == FrameworkImportOutcome.Refused)
            {
                output.WriteLine($"Framework file refused: {result.Message}");
            }
        }
    }

    /// <summary>frameworks/ in the current folder or one above it (the repository root under `dotnet run`).</summary>
    private static string? FindFrameworks()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "frameworks");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Creates the database named in the connection string when the server lacks it.</summary>
    private static async Task CreateDatabaseAsync(string connection, TextWriter output)
    {
        var target = new NpgsqlConnectionStringBuilder(connection);
        var name = target.Database ?? throw new InvalidOperationException("The connection string must name a Database.");
        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString);
        await server.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", server);
            await create.ExecuteNonQueryAsync();
            output.WriteLine($"Created database {name}.");
        }
    }
}
