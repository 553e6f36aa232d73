using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Section11.Core.Data;

/// <summary>
/// One process at a time migrates and seeds a database: on PostgreSQL a session advisory lock, on SQLite an
/// operating-system lock on a file beside the database. Both are released by the operating system or the server when
/// the process dies, however it dies, so a crash can never leave them held. Whoever waits says what it waits for.
/// </summary>
public static class StartupLock
{
    /// <summary>The advisory lock's key: any fixed number, the same on every node ("S11 start" in ASCII).</summary>
    public const long AdvisoryKey = 0x5331_3120_7374_6172;

    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);
    private static readonly AsyncLocal<bool> Held = new();

    /// <summary>Runs <paramref name="work"/> holding the lock; a nested call (migrate inside start-up) just runs.</summary>
    public static async Task RunAsync(DatabaseSettings settings, ILogger logger, Func<Task> work, CancellationToken ct = default)
    {
        if (Held.Value)
        {
            await work();
            return;
        }

        await using var held = settings.Provider == DatabaseProvider.Sqlite
            ? await LockFileAsync(settings, logger, ct)
            : await AdvisoryLockAsync(settings, logger, ct);
        Held.Value = true;
        try
        {
            await work();
        }
        finally
        {
            Held.Value = false;
        }
    }

    /// <summary>
    /// Migrates, holding the lock. On SQLite the file is checked first (WAL, writable, no stale EF lock). While EF
    /// works, a line every few seconds says it is still going, so a wait is never silent.
    /// </summary>
    public static Task MigrateAsync(Microsoft.EntityFrameworkCore.DbContext db, DatabaseSettings settings, ILogger logger, CancellationToken ct = default) =>
        RunAsync(settings, logger, async () =>
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                await PrepareSqliteFileAsync(settings, logger, ct);
            }

            var migrating = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database, ct);
            var started = Stopwatch.StartNew();
            while (await Task.WhenAny(migrating, Task.Delay(LogEvery, ct)) != migrating)
            {
                logger.LogWarning("Still migrating the database after {Seconds:N0} s (EF Core waits here while another process holds its migration lock, __EFMigrationsLock).",
                    started.Elapsed.TotalSeconds);
            }

            await migrating;
        }, ct);

    /// <summary>On a plain connection, before EF or its connection pragmas touch the file.</summary>
    private static async Task PrepareSqliteFileAsync(DatabaseSettings settings, ILogger logger, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString) { Pooling = false };
        if (builder.DataSource == ":memory:" || !File.Exists(builder.DataSource) || new FileInfo(builder.DataSource).Length == 0)
        {
            return; // a new file: the connection pragmas make it WAL
        }

        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await EnsureWalAsync(connection, logger, ct);
        await ClearStaleSqliteMigrationLockAsync(connection, settings, logger, ct);
    }

    /// <summary>The file whose lock stands for "a Section11 process is migrating or seeding this SQLite file".</summary>
    public static string? SqliteLockFile(DatabaseSettings settings)
    {
        var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" ? null : Path.GetFullPath(file) + ".startup-lock";
    }

    private static async Task<IAsyncDisposable> LockFileAsync(DatabaseSettings settings, ILogger logger, CancellationToken ct)
    {
        settings.EnsureSqliteFolder();
        var path = SqliteLockFile(settings);
        if (path is null)
        {
            return new Nothing();
        }

        var waited = Stopwatch.StartNew();
        var nextLog = TimeSpan.Zero;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock (flock on Linux) that the kernel drops when the process dies.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                if (waited.Elapsed >= nextLog)
                {
                    logger.LogWarning("Waiting for another Section11 process that is migrating or seeding {Database}: it holds {LockFile} (waited {Seconds:N0} s).",
                        path[..^".startup-lock".Length], path, waited.Elapsed.TotalSeconds);
                    nextLog += LogEvery;
                }

                await Task.Delay(250, ct);
            }
        }
    }

    private static async Task<IAsyncDisposable> AdvisoryLockAsync(DatabaseSettings settings, ILogger logger, CancellationToken ct)
    {
        // Not pooled: closing must end the session, and with it the lock, rather than park it in the pool.
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await CreateDatabaseAsync(builder, logger, ct);
            await connection.OpenAsync(ct);
        }

        var waited = Stopwatch.StartNew();
        var nextLog = TimeSpan.Zero;
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", AdvisoryKey);
        while (!(bool)(await command.ExecuteScalarAsync(ct))!)
        {
            if (waited.Elapsed >= nextLog)
            {
                logger.LogWarning("Waiting for another Section11 node that is migrating or seeding database {Database} (advisory lock {Key}; waited {Seconds:N0} s).",
                    builder.Database, AdvisoryKey, waited.Elapsed.TotalSeconds);
                nextLog += LogEvery;
            }

            await Task.Delay(250, ct);
        }

        return connection; // disposing closes the unpooled session, which releases the lock
    }

    /// <summary>Two nodes may both find no database: one creates it, the other carries on.</summary>
    private static async Task CreateDatabaseAsync(NpgsqlConnectionStringBuilder target, ILogger logger, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Created database {Database}.", target.Database);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another node created it first.
        }
    }

    /// <summary>
    /// SQLite only, holding the lock: EF's own migration lock is a row in __EFMigrationsLock, which a process killed
    /// while migrating leaves behind, and every later start would wait for it forever. Every Section11 process takes
    /// the file lock before migrating, so a row found while holding it belongs to a process that is gone.
    /// </summary>
    public static async Task ClearStaleSqliteMigrationLockAsync(System.Data.Common.DbConnection connection, DatabaseSettings settings, ILogger logger, CancellationToken ct = default)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
        if ((long)(await exists.ExecuteScalarAsync(ct))! == 0)
        {
            return;
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"Timestamp\" FROM \"__EFMigrationsLock\" LIMIT 1";
        if (await read.ExecuteScalarAsync(ct) is not { } taken)
        {
            return;
        }

        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
        await delete.ExecuteNonQueryAsync(ct);
        logger.LogWarning("Cleared a stale migration lock in {Database} (__EFMigrationsLock, taken at {Taken}): the process that took it is no longer running, "
            + "as no process holds {LockFile}, so a start-up or migrate was stopped part-way through. Migrating now.",
            connection.DataSource, taken, SqliteLockFile(settings));
    }

    /// <summary>
    /// SQLite only: the file must be in WAL mode (a copy made with VACUUM INTO, or by another tool, is not).
    /// Switches it, or says exactly why it cannot.
    /// </summary>
    public static async Task EnsureWalAsync(System.Data.Common.DbConnection connection, ILogger logger, CancellationToken ct = default)
    {
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        var current = (string?)await mode.ExecuteScalarAsync(ct);
        if (string.Equals(current, "wal", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var file = connection.DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        string? switched;
        try
        {
            mode.CommandText = "PRAGMA journal_mode=WAL";
            switched = (string?)await mode.ExecuteScalarAsync(ct);
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException(WalProblem(file, folder, current, e.Message), e);
        }

        if (!string.Equals(switched, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(WalProblem(file, folder, current, $"SQLite kept journal_mode={switched}"));
        }

        logger.LogWarning("The SQLite database {Database} was in {Mode} journal mode (a copy made with VACUUM INTO or another tool?); switched it to WAL.", file, current);
    }

    private static string WalProblem(string file, string folder, string? current, string reason) =>
        $"The SQLite database {file} is in {current} journal mode and could not be switched to WAL ({reason}). Section11 needs WAL: "
        + $"the service's user must be able to write {file} and create {Path.GetFileName(file)}-wal and {Path.GetFileName(file)}-shm in {folder}, "
        + "no other program may have the file open, and no -wal or -shm file left from a different copy of the database may sit beside it.";

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
