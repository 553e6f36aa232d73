using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Section11.Core.Data;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Reliability;

/// <summary>Start-up on a database that a crash, a copy or a second node left in an awkward state.</summary>
[Trait("Category", "Reliability")]
public sealed class StartupRecoveryTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    /// <summary>A node over a database the test made, keeping every log line at Warning and above.</summary>
    private sealed class LoggedNode(TestDatabase database) : Section11Factory(database, ownsDatabase: false)
    {
        public ConcurrentQueue<string> Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(new QueueLoggerProvider(Log)));
        }

        public async Task<HttpStatusCode> HealthAsync()
        {
            using var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
            return (await client.GetAsync("/health")).StatusCode;
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(lines);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task StopAsync(params LoggedNode[] nodes)
    {
        foreach (var node in nodes)
        {
            await ((Xunit.IAsyncLifetime)node).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_process_is_cleared_with_a_log_line_and_start_up_goes_on()
    {
        if (TestDatabase.Provider != DatabaseProvider.Sqlite)
        {
            return; // PostgreSQL's lock is a session's, which the server drops with the session
        }

        var database = new TestDatabase();
        database.NameOnly();
        database.Settings.EnsureSqliteFolder();
        // What a kill -9 during migration leaves: EF's lock row, nothing else.
        await ExecuteAsync(database.Settings.ConnectionString,
            "CREATE TABLE \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);"
            + "INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-12-01 20:00:00.0000000+00:00');");
        var node = new LoggedNode(database);
        try
        {
            await Task.Run(node.InitializeAsync).WaitAsync(StartLimit);

            Assert.Equal(HttpStatusCode.OK, await node.HealthAsync());
            Assert.Contains(node.Log, l => l.StartsWith("Cleared a stale migration lock", StringComparison.Ordinal) && l.Contains("2026-12-01 20:00:00", StringComparison.Ordinal));
            await using var db = database.CreateContext();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync());
        }
        finally
        {
            await StopAsync(node);
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_copy_made_with_vacuum_into_is_switched_to_wal_and_takes_writes()
    {
        if (TestDatabase.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var original = new TestDatabase();
        await original.InitializeAsync();
        var copy = new TestDatabase();
        copy.NameOnly();
        copy.Settings.EnsureSqliteFolder();
        var copyFile = new SqliteConnectionStringBuilder(copy.Settings.ConnectionString).DataSource;
        await ExecuteAsync(original.Settings.ConnectionString, $"VACUUM INTO '{copyFile}'");
        await using (var plain = new SqliteConnection(copy.Settings.ConnectionString))
        {
            await plain.OpenAsync();
            await using var mode = plain.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode";
            Assert.NotEqual("wal", await mode.ExecuteScalarAsync());
        }

        SqliteConnection.ClearAllPools();
        var node = new LoggedNode(copy);
        try
        {
            await Task.Run(node.InitializeAsync).WaitAsync(StartLimit);

            Assert.Contains(node.Log, l => l.Contains("journal mode", StringComparison.Ordinal) && l.Contains("switched it to WAL", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, await node.HealthAsync());
            var lead = await node.CreateLeadAsync("masa-2018");
            using var client = node.CreateHtmlClient();
            await client.SignInAsync(lead.Email);
            var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");
            var saved = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Answers[0].Rating"] = "good", ["Answers[0].ActualEvidence"] = "Saved on the copy" }, "later");
            Assert.Equal($"/returns/{lead.ReturnId}", saved.Location);
        }
        finally
        {
            await StopAsync(node);
            await copy.DisposeAsync();
            await original.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_a_new_database_both_come_up_with_one_demo_partnership()
    {
        var database = new TestDatabase();
        database.NameOnly(); // on PostgreSQL the database does not exist yet either
        var first = new LoggedNode(database);
        var second = new LoggedNode(database);
        try
        {
            await Task.WhenAll(Task.Run(first.InitializeAsync), Task.Run(second.InitializeAsync)).WaitAsync(StartLimit);

            Assert.Equal(HttpStatusCode.OK, await first.HealthAsync());
            Assert.Equal(HttpStatusCode.OK, await second.HealthAsync());
            await using var db = database.CreateContext();
            Assert.Equal(1, await db.Partnerships.CountAsync(p => p.Name == DemoData.PartnershipName));
            var demoEmails = DemoData.Users.Select(d => d.Email).ToList();
            Assert.Equal(demoEmails.Count, await db.Users.CountAsync(u => demoEmails.Contains(u.Email!)));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await StopAsync(first, second);
            await database.DisposeAsync();
        }
    }
}
