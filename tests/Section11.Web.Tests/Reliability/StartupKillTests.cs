using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Reliability;

/// <summary>
/// kill -9 of the real service process part-way through its start-up on an empty database (while it migrates, while
/// it seeds the demo), then a clean start on what it left. The kill fires from the process's own log lines; a kill
/// that came too late (the step had finished) is retried on a fresh database, a bounded number of times.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class StartupKillTests(ITestOutputHelper output)
{
    private const int Attempts = 5;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Killed_while_migrating_an_empty_database_the_next_start_finishes_the_migration_and_comes_up_with_one_demo_partnership()
    {
        var clock = Stopwatch.StartNew();
        string[] all;
        await using (var model = new TestDatabaseModel())
        {
            all = [.. model.Context.Database.GetMigrations()];
        }

        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var database = new TestDatabase();
            database.NameOnly();
            try
            {
                string[] applied;
                await using (var first = AppProcess.Start(database, new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Migrations"] = "Information" }))
                {
                    // EF logs this line as it begins the first migration, which creates every table: the kill lands inside the migration.
                    first.KillWhen(l => l.Contains($"Applying migration '{all[0]}'", StringComparison.Ordinal));
                    Assert.Equal(137, await first.ExitedAsync(StartLimit));
                    Assert.NotNull(first.KilledAt);
                    applied = await AppliedAsync(database);
                }

                if (applied.Length == all.Length)
                {
                    output.WriteLine($"attempt {attempt}: the migration had finished before the kill; again on a fresh database");
                    continue;
                }

                output.WriteLine($"attempt {attempt}: killed with {applied.Length} of {all.Length} migrations applied");
                await using var second = AppProcess.Start(database);
                await second.WaitHealthyAsync(StartLimit);

                await AssertReadyAsync(second);
                if (TestDatabase.Provider == DatabaseProvider.Sqlite)
                {
                    // The kill left EF's lock row; start-up cleared it rather than wait for it forever.
                    Assert.Contains(second.Lines, l => l.Contains("Cleared a stale migration lock", StringComparison.Ordinal));
                }

                Assert.Equal(all, await AppliedAsync(database));
                await AssertOneDemoAsync(database);
                await second.KillAsync();
                await AssertSqliteIntactAsync(database);
                output.WriteLine($"{TestDatabase.Provider}: {clock.Elapsed.TotalSeconds:N1} s");
                return;
            }
            finally
            {
                await database.DisposeAsync();
            }
        }

        Assert.Fail($"In {Attempts} attempts the migration always finished before the kill landed.");
    }

    [Fact]
    public async Task Killed_while_seeding_the_demo_the_next_start_finds_no_half_made_partnership_and_seeds_it_once()
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var database = new TestDatabase();
            await database.InitializeAsync(); // migrated, frameworks loaded, no demo yet
            try
            {
                // Seeding makes the partnership, its agencies, rounds and returns, and then the demo people. The kill
                // fires on the first person's INSERT (logged once it has run), so several of the seed's writes are done.
                var settings = new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information" };
                await using (var first = AppProcess.Start(database, settings))
                {
                    first.KillWhen(l => l.Contains("INSERT INTO \"AspNetUsers\"", StringComparison.Ordinal));
                    Assert.Equal(137, await first.ExitedAsync(StartLimit));
                    Assert.NotNull(first.KilledAt);
                    Assert.Contains(first.Lines, l => l.Contains("INSERT INTO \"Partnerships\"", StringComparison.Ordinal));
                }

                await using (var db = database.CreateContext())
                {
                    if (await db.Partnerships.AnyAsync(p => p.Name == DemoData.PartnershipName))
                    {
                        output.WriteLine($"attempt {attempt}: the seed had committed before the kill; again on a fresh database");
                        continue;
                    }

                    // Nothing of the seed survives the kill: it is one transaction.
                    Assert.Equal(0, await db.Partnerships.CountAsync());
                    Assert.Equal(0, await db.Agencies.CountAsync());
                    Assert.Equal(0, await db.Rounds.CountAsync());
                    Assert.Equal(0, await db.Returns.CountAsync());
                    Assert.Equal(0, await db.Users.CountAsync());
                    Assert.Equal(0, await db.RoleAssignments.CountAsync());
                }

                output.WriteLine($"attempt {attempt}: killed part-way through the seed, which left nothing");
                await using var second = AppProcess.Start(database);
                await second.WaitHealthyAsync(StartLimit);

                await AssertReadyAsync(second);
                await AssertOneDemoAsync(database);
                await second.KillAsync();
                await AssertSqliteIntactAsync(database);
                output.WriteLine($"{TestDatabase.Provider}: {clock.Elapsed.TotalSeconds:N1} s");
                return;
            }
            finally
            {
                await database.DisposeAsync();
            }
        }

        Assert.Fail($"In {Attempts} attempts the seed always committed before the kill landed.");
    }

    /// <summary>The migrations recorded as applied; none when the history table was never made.</summary>
    private static async Task<string[]> AppliedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }

        try
        {
            return [.. await db.Database.GetAppliedMigrationsAsync()];
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
            return []; // killed before the database was even created
        }
    }

    private static async Task AssertReadyAsync(AppProcess app)
    {
        using var http = app.CreateHttpClient(cookies: null);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>One of each: the demo partnerships, their agencies, every demo person with their roles.</summary>
    private static async Task AssertOneDemoAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Partnerships.CountAsync(p => p.Name == DemoData.PartnershipName));
        Assert.Equal(1, await db.Partnerships.CountAsync(p => p.Name == DemoData.SecondPartnershipName));
        Assert.Equal(2, await db.Partnerships.CountAsync());
        string[] agencies = [DemoData.GpPractice, DemoData.Trust, DemoData.Charity, DemoData.Police, DemoData.Council];
        Assert.Equal(agencies.Length, await db.Agencies.CountAsync(a => agencies.Contains(a.Name)));
        Assert.Equal(agencies.Length, await db.Agencies.CountAsync());
        var emails = DemoData.Users.Select(u => u.Email).ToList();
        Assert.Equal(emails.Count, await db.Users.CountAsync(u => emails.Contains(u.Email!)));
        Assert.Equal(emails.Count, await db.Users.CountAsync());
        Assert.Equal(DemoData.Users.Sum(u => u.Roles.Length), await db.RoleAssignments.CountAsync());
    }

    private static async Task AssertSqliteIntactAsync(TestDatabase database)
    {
        if (TestDatabase.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
    }

    /// <summary>The model alone, for the list of migrations in the assembly of the provider under test.</summary>
    private sealed class TestDatabaseModel : IAsyncDisposable
    {
        private readonly TestDatabase _database = new();

        public TestDatabaseModel()
        {
            _database.NameOnly();
            Context = _database.CreateContext();
        }

        public Section11DbContext Context { get; }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
