using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Tests.Support;
using Section11.Web.Commands;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Reliability;

/// <summary>The `backup` command on a service taking saves, and the restore procedure in docs/operations.md.</summary>
[Trait("Category", "Reliability")]
public sealed class BackupTests
{
    private const int Workers = 3;

    /// <summary>A node over a database the test restored.</summary>
    private sealed class RestoredNode(TestDatabase database) : Section11Factory(database, ownsDatabase: false);

    [Fact]
    public async Task A_backup_taken_under_write_load_restores_into_a_fresh_folder_with_every_save_acknowledged_before_it_began()
    {
        if (TestDatabase.Provider != DatabaseProvider.Sqlite)
        {
            return; // PostgreSQL is backed up with pg_dump or pg_basebackup; the command refuses it (tested below)
        }

        var live = new Section11Factory();
        await live.InitializeAsync();
        var restored = new TestDatabase();
        RestoredNode? node = null;
        var backupFolder = Directory.CreateTempSubdirectory("section11-backup-").FullName;
        try
        {
            var acknowledged = new ConcurrentQueue<string>();
            var warmedUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var loadedAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var afterTarget = int.MaxValue;
            using var stop = new CancellationTokenSource();
            var workers = new List<Task<int>>();
            for (var w = 0; w < Workers; w++)
            {
                var lead = await live.CreateLeadAsync("masa-2018");
                var client = live.CreateHtmlClient();
                await client.SignInAsync(lead.Email);
                var worker = w;
                workers.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        var saves = 0;
                        while (!stop.IsCancellationRequested)
                        {
                            var text = $"Backup test: worker {worker}, save {saves} ({Guid.NewGuid():N})";
                            var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");
                            var saved = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Answers[0].Rating"] = "good", ["Answers[0].ActualEvidence"] = text }, "later");
                            Assert.Equal($"/returns/{lead.ReturnId}", saved.Location);
                            acknowledged.Enqueue(text);
                            saves++;
                            if (acknowledged.Count >= 2 * Workers)
                            {
                                warmedUp.TrySetResult();
                            }

                            if (acknowledged.Count >= Volatile.Read(ref afterTarget))
                            {
                                loadedAfter.TrySetResult();
                            }
                        }

                        return saves;
                    }
                }));
            }

            await warmedUp.Task.WaitAsync(TimeSpan.FromSeconds(120));
            var before = acknowledged.ToArray();
            var copy = Path.Combine(backupFolder, "section11.db");
            var output = new StringWriter();
            var exit = await Task.Run(() => BackupCommands.Run([copy, "--Database:Provider=Sqlite", $"--ConnectionStrings:Section11={live.Database.Settings.ConnectionString}"], output));
            // Keep the load on until several saves have landed after the backup, so the backup ran among them.
            Volatile.Write(ref afterTarget, acknowledged.Count + Workers);
            await Task.WhenAny([loadedAfter.Task, .. workers]).WaitAsync(TimeSpan.FromSeconds(120));

            await stop.CancelAsync();
            await Task.WhenAll(workers);

            Assert.Equal(0, exit);
            Assert.StartsWith($"Backed up the database to {copy}", output.ToString(), StringComparison.Ordinal);

            // Restore as documented: the file alone into a fresh folder (no -wal or -shm beside it), then start.
            restored.NameOnly();
            var restoredFile = new SqliteConnectionStringBuilder(restored.Settings.ConnectionString).DataSource;
            File.Copy(copy, restoredFile);
            node = new RestoredNode(restored);
            await Task.Run(node.InitializeAsync).WaitAsync(TimeSpan.FromSeconds(120));
            using var http = node.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

            await using var db = restored.CreateContext();
            var inCopy = (await db.ChangeLog.Where(c => c.NewValue != null && c.NewValue.StartsWith("Backup test: ")).Select(c => c.NewValue!).ToListAsync()).ToHashSet();
            Assert.NotEmpty(before);
            var lost = before.Where(t => !inCopy.Contains(t)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {before.Length} saves acknowledged before the backup are not in it: {string.Join("; ", lost)}");
        }
        finally
        {
            if (node is not null)
            {
                await ((Xunit.IAsyncLifetime)node).DisposeAsync();
            }

            await ((Xunit.IAsyncLifetime)live).DisposeAsync();
            await restored.DisposeAsync();
            Directory.Delete(backupFolder, recursive: true);
        }
    }

    [Fact]
    public void On_postgres_the_command_refuses_and_names_pg_dump_and_pg_basebackup()
    {
        var output = new StringWriter();
        var exit = BackupCommands.Run(["/tmp/never-written.db", "--Database:Provider=Postgres", "--ConnectionStrings:Section11=Host=127.0.0.1;Database=section11"], output);

        Assert.Equal(1, exit);
        Assert.Contains("pg_dump", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("pg_basebackup", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/never-written.db"));
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_never_backs_up_a_database_that_is_not_there()
    {
        if (TestDatabase.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("section11-backup-").FullName;
        var source = new TestDatabase();
        await source.InitializeAsync();
        try
        {
            var existing = Path.Combine(folder, "existing.db");
            await File.WriteAllTextAsync(existing, "an older backup");
            var missing = $"--ConnectionStrings:Section11=Data Source={Path.Combine(folder, "missing.db")}";

            var output = new StringWriter();
            Assert.Equal(1, BackupCommands.Run([Path.Combine(folder, "copy.db"), "--Database:Provider=Sqlite", missing], output));
            Assert.Contains("There is no database at", output.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "missing.db")));

            output = new StringWriter();
            Assert.Equal(1, BackupCommands.Run([existing, "--Database:Provider=Sqlite", $"--ConnectionStrings:Section11={source.Settings.ConnectionString}"], output));
            Assert.Contains("already exists", output.ToString(), StringComparison.Ordinal);
            Assert.Equal("an older backup", await File.ReadAllTextAsync(existing));
        }
        finally
        {
            await source.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
