using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Reliability;

/// <summary>
/// kill -9 of the real service process while people save, again and again on one database: no save the service
/// acknowledged may be lost, none may go back to an older value, and the database stays consistent. Three cycles in
/// the normal run; SECTION11_FAULT_CYCLES=50 for the long form (docs/operations.md).
/// </summary>
[Trait("Category", "Reliability")]
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const string Prefix = "Fault test: ";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private static int Cycles =>
        int.TryParse(Environment.GetEnvironmentVariable("SECTION11_FAULT_CYCLES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;

    /// <summary>One person saving standard 1 of their own return, over and over, through the pages.</summary>
    private sealed class Worker(int number, Section11Factory.Lead lead, HtmlClient client)
    {
        public int Number => number;

        public Section11Factory.Lead Lead => lead;

        public HtmlClient Client => client;

        /// <summary>Every text posted, in order; and how many of them, from the first, were acknowledged at the latest.</summary>
        public List<string> Sent { get; } = [];

        public List<string> Acknowledged { get; } = [];

        public int LastAcknowledgedIndex { get; set; } = -1;
    }

    /// <summary>The process serving now; workers wait on <see cref="Up"/> after a failed request.</summary>
    private sealed class Service
    {
        private TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Up => Volatile.Read(ref _up).Task;

        public void Going() => Volatile.Write(ref _up, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void Serving() => Volatile.Read(ref _up).TrySetResult();

        public int AcknowledgedHere;
    }

    [Fact]
    public async Task Acknowledged_saves_survive_repeated_kill_9_of_the_service_and_the_database_stays_consistent()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        var random = new Random();
        var service = new Service();
        var failures = new ConcurrentQueue<string>();
        AppProcess? app = null;
        PeopleMaker? maker = null;
        var workers = new List<Worker>();
        var restarts = new List<double>();
        var clock = Stopwatch.StartNew();
        try
        {
            // People are made, and signed in, with an in-process node for their authenticator codes; then only the
            // separate process touches the database. Sessions and cookie keys are in the database, so the cookies
            // outlive every kill.
            maker = new PeopleMaker(database);
            await maker.InitializeAsync();
            app = AppProcess.Start(database);
            await app.WaitHealthyAsync(StartLimit);
            for (var w = 0; w < Workers; w++)
            {
                var lead = await maker.CreateLeadAsync("masa-2018");
                var client = new HtmlClient(AppProcess.CreateHttpClient(app.Address, new CookieContainer()), maker);
                var signedIn = await client.SignInAsync(lead.Email);
                Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
                workers.Add(new Worker(w, lead, client));
            }

            await ((IAsyncLifetime)maker).DisposeAsync();
            maker = null;
            service.Serving();

            using var stop = new CancellationTokenSource();
            var running = workers.Select(w => Task.Run(() => SaveUntilStoppedAsync(w, service, failures, stop.Token))).ToList();
            var kills = 0;
            for (var cycle = 0; cycle <= Cycles; cycle++)
            {
                // Some saves on this process first (a random number, so the kill lands at a random point in a save).
                var target = random.Next(Workers, 4 * Workers);
                var waited = Stopwatch.StartNew();
                while (Volatile.Read(ref service.AcknowledgedHere) < target)
                {
                    Assert.True(waited.Elapsed < StartLimit, $"Only {service.AcknowledgedHere} saves acknowledged in {StartLimit.TotalSeconds:N0} s on process {app.Id}: {string.Join("; ", failures)}\n{app.Log}");
                    Assert.True(failures.IsEmpty, string.Join("; ", failures));
                    await Task.WhenAny([Task.Delay(20), .. running]);
                }

                if (cycle == Cycles)
                {
                    break; // the last process only shows it takes saves
                }

                service.Going();
                await app.KillAsync();
                kills++;
                var port = app.Port;
                await app.DisposeAsync();
                Interlocked.Exchange(ref service.AcknowledgedHere, 0);
                var restart = Stopwatch.StartNew();
                app = AppProcess.Start(database, port: port);
                await app.WaitHealthyAsync(StartLimit);
                restarts.Add(restart.Elapsed.TotalSeconds);
                service.Serving();
            }

            await stop.CancelAsync();
            service.Serving();
            await Task.WhenAll(running);
            service.Going();
            await app.KillAsync();

            Assert.True(failures.IsEmpty, string.Join("; ", failures));
            await AssertEverySaveKeptAsync(database, workers);
            var total = workers.Sum(w => w.Acknowledged.Count);
            output.WriteLine($"{TestDatabase.Provider}: {kills} kill -9 cycles, {Workers} workers, {total} saves acknowledged, 0 lost, {clock.Elapsed.TotalSeconds:N1} s"
                + $" (restart to healthy {restarts.Min():N1}–{restarts.Max():N1} s)");
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Client.Dispose();
            }

            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (maker is not null)
            {
                await ((IAsyncLifetime)maker).DisposeAsync();
            }

            await database.DisposeAsync();
        }
    }

    /// <summary>GET the standard, post it changed; a request the kill cut off is neither acknowledged nor a failure.</summary>
    private static async Task SaveUntilStoppedAsync(Worker worker, Service service, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        var url = $"/returns/{worker.Lead.ReturnId}/standards/1";
        for (var save = 0; !stop.IsCancellationRequested; save++)
        {
            var up = service.Up;
            await up;
            var text = $"{Prefix}worker {worker.Number}, save {save} ({Guid.NewGuid():N})";
            try
            {
                var page = await worker.Client.GetAsync(url);
                if (page.Status != HttpStatusCode.OK)
                {
                    failures.Enqueue($"worker {worker.Number}: GET {url} answered {(int)page.Status} {page.Location}");
                    return;
                }

                lock (worker.Sent)
                {
                    worker.Sent.Add(text);
                }

                var saved = await worker.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Answers[0].Rating"] = "good", ["Answers[0].ActualEvidence"] = text }, "later");
                if (saved.Location != $"/returns/{worker.Lead.ReturnId}")
                {
                    failures.Enqueue($"worker {worker.Number}: the save answered {(int)saved.Status} {saved.Location} {string.Join(" ", saved.ErrorSummary)}");
                    return;
                }

                lock (worker.Sent)
                {
                    worker.Acknowledged.Add(text);
                    worker.LastAcknowledgedIndex = worker.Sent.Count - 1;
                }

                Interlocked.Increment(ref service.AcknowledgedHere);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // The harness marks the service going before it kills it, so a request cut off by a kill finds a new
                // Up to wait on; one that fails while the same process serves is the service's own failure.
                if (up == service.Up)
                {
                    failures.Enqueue($"worker {worker.Number}: {e.GetType().Name} with the service up: {e.Message}");
                    return;
                }
            }
        }
    }

    /// <summary>Every acknowledged text is in the change log; each answer holds the last text its worker sent that was
    /// acknowledged, or one sent after it (in flight at a kill); and SQLite finds nothing wrong with the file.</summary>
    private static async Task AssertEverySaveKeptAsync(TestDatabase database, List<Worker> workers)
    {
        await using var db = database.CreateContext();
        var logged = (await db.ChangeLog.Where(c => c.NewValue != null && c.NewValue.StartsWith(Prefix)).Select(c => c.NewValue!).ToListAsync()).ToHashSet();
        foreach (var worker in workers)
        {
            Assert.True(worker.Acknowledged.Count > 0, $"worker {worker.Number} never had a save acknowledged");
            var lost = worker.Acknowledged.Where(t => !logged.Contains(t)).ToList();
            Assert.True(lost.Count == 0, $"worker {worker.Number}: {lost.Count} of {worker.Acknowledged.Count} acknowledged saves are not in the database: {string.Join("; ", lost)}");

            var stored = await db.Answers.Where(a => a.ReturnId == worker.Lead.ReturnId && a.ActualEvidence != null && a.ActualEvidence.StartsWith(Prefix))
                .Select(a => a.ActualEvidence!).SingleAsync();
            var position = worker.Sent.IndexOf(stored);
            Assert.True(position >= worker.LastAcknowledgedIndex,
                $"worker {worker.Number}: the answer holds \"{stored}\" (sent {position}), older than the last acknowledged save (sent {worker.LastAcknowledgedIndex})");
        }

        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            await using var connection = new SqliteConnection(database.Settings.ConnectionString);
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
            check.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await check.ExecuteReaderAsync();
            Assert.False(await reader.ReadAsync(), "PRAGMA foreign_key_check found rows that break a foreign key");
        }
    }

    /// <summary>An in-process node over the test's database, only to make people and give their sign-in codes.</summary>
    private sealed class PeopleMaker(TestDatabase database) : Section11Factory(database, ownsDatabase: false);
}
