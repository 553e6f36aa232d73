using Section11.Core.Data;

namespace Section11.Web.Commands;

/// <summary>`backup PATH`: a consistent copy of the embedded database while the service runs (docs/operations.md).</summary>
public static class BackupCommands
{
    public const string Usage = "Usage: backup PATH [--Setting=value ...]   (PATH: a new file, e.g. backups/section11-2026-12-01.db)";

    public static int Run(string[] args, TextWriter output)
    {
        if (args is not [var path, .. var settings] || path.StartsWith("--", StringComparison.Ordinal))
        {
            output.WriteLine(Usage);
            return 1;
        }

        using var app = Startup.Build([.. settings], serving: false);
        var database = app.Services.GetRequiredService<DatabaseSettings>();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            output.WriteLine("The backup command copies the embedded SQLite database only. Back up PostgreSQL with its own tools:");
            output.WriteLine("pg_dump --format=custom (a logical copy, restored with pg_restore), or pg_basebackup with WAL archiving");
            output.WriteLine("for point-in-time recovery. See docs/operations.md, \"Backup and restore\".");
            return 1;
        }

        try
        {
            var result = SqliteBackup.Write(database, path);
            output.WriteLine($"Backed up the database to {result.Path} ({result.Bytes:N0} bytes).");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            output.WriteLine(e.Message);
            return 1;
        }
    }
}
