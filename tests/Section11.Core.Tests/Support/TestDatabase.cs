using Microsoft.EntityFrameworkCore;
using Npgsql;
using Section11.Core.Data;
using Section11.Core.Frameworks;

namespace Section11.Core.Tests.Support;

/// <summary>
/// A fresh, migrated database with the seed frameworks loaded, on the provider the test run asks for:
/// SECTION11_TEST_PROVIDER=sqlite (default) or postgres, with SECTION11_TEST_POSTGRES naming the server.
/// The README test command runs every data test once on each.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("SECTION11_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    private static string PostgresServer =>
        Environment.GetEnvironmentVariable("SECTION11_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres";

    private readonly string _name = $"s11_test_{Guid.NewGuid():N}";
    private string? _sqliteFolder;

    /// <summary>
    /// The template this database is to be a copy of (set before <see cref="InitializeAsync"/>); null for the migrated
    /// one with only the frameworks.
    /// </summary>
    public DerivedTemplate? From { get; set; }

    public DatabaseSettings Settings { get; private set; } = null!;

    public Section11DbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<Section11DbContext>();
        Settings.Configure(options);
        return new Section11DbContext(options.Options);
    }

    /// <summary>Names the database without creating it, for tests of what start-up makes of a new or damaged one.</summary>
    public void NameOnly()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            _sqliteFolder = Directory.CreateTempSubdirectory("section11-test-").FullName;
            Settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_sqliteFolder, "test.db")}");
        }
        else
        {
            Settings = new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _name }.ConnectionString);
        }
    }

    /// <summary>
    /// Migrates and loads the frameworks once per test process, into a template; each test database is then a copy
    /// of it (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL), which is the same database a fresh
    /// migration and import would make, in a fraction of the time.
    /// </summary>
    public async Task InitializeAsync()
    {
        NameOnly();
        var template = await (From?.Source ?? Template).Value;
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;
            File.Copy(template, file);
        }
        else
        {
            // Two copies of one template at once can see each other as "other users" of it: take turns.
            await TemplateCopies.WaitAsync();
            try
            {
                await using var connection = new NpgsqlConnection(PostgresServer);
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\" TEMPLATE \"{template}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            finally
            {
                TemplateCopies.Release();
            }
        }
    }

    private static readonly SemaphoreSlim TemplateCopies = new(1, 1);

    /// <summary>The migrated database with the frameworks loaded: a file path on SQLite, a database name on PostgreSQL.</summary>
    private static readonly Lazy<Task<string>> Template = new(MakeTemplateAsync);

    private static async Task<string> MakeTemplateAsync()
    {
        var template = new TestDatabase();
        template.NameOnly();
        await using (var db = template.CreateContext())
        {
            await db.Database.MigrateAsync();
            var importer = new FrameworkImporter(db, TimeProvider.System);
            foreach (var result in await importer.ImportDirectoryAsync(RepoPaths.Frameworks))
            {
                if (result.Outcome == FrameworkImportOutcome.Refused)
                {
                    throw new InvalidOperationException(result.Message);
                }
            }

            if (Provider == DatabaseProvider.Sqlite)
            {
                // Everything into the main file, so copying that one file copies the database.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(template._sqliteFolder!, recursive: true);
            return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(template.Settings.ConnectionString).DataSource;
        }

        // No connection may stay open on a template database while it is copied.
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().GetAwaiter().GetResult();
        return template._name;
    }

    /// <summary>
    /// A template of its own, made once per test process from a copy of the migrated one by a step of the caller's
    /// (the web tests' start the service over it, so it seeds the demo partnership as every start would): a test
    /// database of it is then a copy, the same database that step would make, without making it again.
    /// </summary>
    public sealed class DerivedTemplate
    {
        public DerivedTemplate(Func<TestDatabase, Task> prepare)
        {
            Source = new(async () =>
            {
                var database = new TestDatabase();
                await database.InitializeAsync();
                await prepare(database);
                if (Provider == DatabaseProvider.Sqlite)
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    await using (var db = database.CreateContext())
                    {
                        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
                    }

                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(database._sqliteFolder!, recursive: true);
                    return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Settings.ConnectionString).DataSource;
                }

                NpgsqlConnection.ClearAllPools();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => database.DisposeAsync().GetAwaiter().GetResult();
                return database._name;
            });
        }

        internal Lazy<Task<string>> Source { get; }
    }

    public async Task DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }
    }
}
