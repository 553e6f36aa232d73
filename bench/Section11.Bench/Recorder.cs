using System.Collections.Concurrent;
using System.Globalization;

namespace Section11.Bench;

/// <summary>Latencies per page, kept whole and sorted at the end: exact percentiles, which is all a run of minutes needs.</summary>
public sealed class Recorder
{
    private readonly ConcurrentDictionary<string, Page> _pages = new();

    internal sealed class Page
    {
        private readonly List<double> _ms = [];
        public long Errors;
        public long NotFound;
        public long Bytes;
        public string? FirstError;

        public void Add(double ms, long bytes)
        {
            lock (_ms)
            {
                _ms.Add(ms);
            }

            Interlocked.Add(ref Bytes, bytes);
        }

        public double[] Sorted()
        {
            lock (_ms)
            {
                var copy = _ms.ToArray();
                Array.Sort(copy);
                return copy;
            }
        }
    }

    internal Page For(string page) => _pages.GetOrAdd(page, _ => new Page());

    public void Ok(string page, double ms, long bytes = 0) => For(page).Add(ms, bytes);

    public void Error(string page, double ms, string what, bool notFound = false)
    {
        var p = For(page);
        p.Add(ms, 0);
        if (notFound)
        {
            Interlocked.Increment(ref p.NotFound);
        }
        else
        {
            Interlocked.Increment(ref p.Errors);
            p.FirstError ??= what;
        }
    }

    public IEnumerable<Result> Results(string workload, string mode, double seconds) =>
        _pages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var sorted = p.Value.Sorted();
            double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return new Result(workload, mode, p.Key, sorted.Length, sorted.Length / seconds, P(0.5), P(0.95), P(0.99),
                p.Value.Errors, p.Value.NotFound, sorted.Length == 0 ? 0 : p.Value.Bytes / sorted.Length, p.Value.FirstError);
        });
}

public sealed record Result(
    string Workload, string Mode, string Page, long Requests, double PerSecond, double P50, double P95, double P99, long Errors, long NotFound, long AverageBytes, string? FirstError)
{
    public string? Ceiling { get; set; }
    public double? Ratio { get; set; }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Workload} | {Mode} | {Page} | {Requests:N0} | {PerSecond:F0} | {P50:F1} | {P95:F1} | {P99:F1} | {Errors} | {NotFound} | {AverageBytes:N0} | {(Ratio is not { } r ? "" : Mode == "closed" ? $"{r:P0} of {Ceiling} req/s" : $"p95 {r:F1}× {Ceiling}'s")} |");

    public const string Header = "| workload | mode | page | requests | req/s | p50 ms | p95 ms | p99 ms | errors | 404 | bytes | vs ceiling |\n| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |";
}
