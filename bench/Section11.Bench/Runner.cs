using System.Diagnostics;

namespace Section11.Bench;

/// <summary>One step of a workload for one person; latency is measured from <c>scheduled</c> (a Stopwatch timestamp).</summary>
public delegate Task Step(BenchUser user, Recorder recorder, long scheduled);

public sealed record Workload(string Name, IReadOnlyList<BenchUser> Users, Func<BenchUser, Npgsql.NpgsqlDataSource, Task>? Prepare, Step Step);

public static class Runner
{
    /// <summary>Closed loop: each of C people does the next step as soon as the last one finished. Returns the measured seconds.</summary>
    public static async Task<double> ClosedAsync(Workload w, int concurrency, int warmup, int seconds, Recorder warm, Recorder recorder)
    {
        var users = w.Users.Take(concurrency).ToList();
        var warmEnd = Stopwatch.GetTimestamp() + (warmup * Stopwatch.Frequency);
        var end = warmEnd + (seconds * Stopwatch.Frequency);
        await Task.WhenAll(users.Select(async u =>
        {
            await Task.Yield();
            while (Stopwatch.GetTimestamp() is var now && now < end)
            {
                await w.Step(u, now < warmEnd ? warm : recorder, now);
            }
        }));
        return seconds;
    }

    /// <summary>
    /// Open loop: a step starts every 1/R seconds whatever happened to the earlier ones, and its latency runs from
    /// when it was due, so a slow server shows as latency rather than as fewer requests (no coordinated omission).
    /// Steps go to people in turn; a person busy with an earlier step makes the next one wait, and that wait counts.
    /// </summary>
    public static async Task<double> OpenAsync(Workload w, int rate, int warmup, int seconds, Recorder warm, Recorder recorder)
    {
        var start = Stopwatch.GetTimestamp();
        var total = (long)rate * (warmup + seconds);
        var warmCount = (long)rate * warmup;
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        for (long i = 0; i < total; i++)
        {
            var scheduled = start + (i * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var user = w.Users[(int)(i % w.Users.Count)];
            var into = i < warmCount ? warm : recorder;
            pending.Add(Task.Run(async () =>
            {
                await user.Busy.WaitAsync();
                try
                {
                    await w.Step(user, into, scheduled);
                }
                finally
                {
                    user.Busy.Release();
                }
            }));
        }

        await Task.WhenAll(pending);
        return seconds;
    }
}
