using Microsoft.Data.Sqlite;

namespace Section11.Core.Data;

/// <summary>
/// A consistent copy of the live SQLite file through SQLite's online backup API. The copy is one read transaction's
/// snapshot, so every commit before it began is in it, while the service goes on writing (WAL lets writers continue).
/// A plain `cp` of a file in WAL mode can miss commits still in the -wal file, or tear a page.
/// </summary>
public static class SqliteBackup
{
    public sealed record Result(string Path, long Bytes);

    /// <summary>Writes the copy to <paramref name="destination"/>, which must not exist yet (a backup is never overwritten).</summary>
    public static Result Write(DatabaseSettings settings, string destination)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("The backup command copies the embedded SQLite database only.");
        }

        var source = new SqliteConnectionStringBuilder(settings.ConnectionString);
        var sourceFile = Path.GetFullPath(source.DataSource);
        if (!File.Exists(sourceFile))
        {
            throw new InvalidOperationException($"There is no database at {sourceFile} to back up (check ConnectionStrings:Section11).");
        }

        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            throw new InvalidOperationException($"{target} already exists; choose a new file name (a backup never overwrites another).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Written beside the target, then renamed: a backup cut short never leaves a file that looks complete.
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            // ReadWrite, not ReadWriteCreate: a mistyped path must not back up a new empty database.
            source.Mode = SqliteOpenMode.ReadWrite;
            source.Pooling = false;
            using (var from = new SqliteConnection(source.ConnectionString))
            using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
            {
                from.Open();
                using (var wait = from.CreateCommand())
                {
                    wait.CommandText = "PRAGMA busy_timeout=10000;";
                    wait.ExecuteNonQuery();
                }

                to.Open();
                from.BackupDatabase(to);
                // The copy must read back whole before it counts as a backup.
                using var check = to.CreateCommand();
                check.CommandText = "PRAGMA quick_check;";
                var verdict = check.ExecuteScalar() as string;
                if (verdict != "ok")
                {
                    throw new InvalidOperationException($"The copy failed its integrity check ({verdict}); it was not kept.");
                }
            }

            File.Move(partial, target);
            return new(target, new FileInfo(target).Length);
        }
        finally
        {
            File.Delete(partial);
            File.Delete(partial + "-journal");
        }
    }
}
