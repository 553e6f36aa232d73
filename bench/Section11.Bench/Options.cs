using System.Globalization;

namespace Section11.Bench;

public sealed record Options
{
    public const string Usage = """
        Usage: Section11.Bench --url http://127.0.0.1:5080 --connection "Host=…;Database=s11_national;Username=…"
          [--concurrency 64] [--rate 400] [--seconds 30] [--warmup 5] [--users 200] [--admins 8]
          [--modes closed,open] [--workloads ping,raw-read,raw-write,read,save,journey,review,raw-survey,survey]
          [--pages "/partnerships/{p}/rounds/{r}/dashboard,/returns/{return}/report,…"] [--json results.json]
        """;

    public static readonly string[] DefaultPages =
    [
        "/partnerships/{p}/rounds/{r}/dashboard",
        "/returns/{return}/report",
        "/partnerships/{p}/rounds/{r}/export/xlsx",
    ];

    public required string Url { get; init; }
    public required string Connection { get; init; }
    public int Concurrency { get; init; } = 64;
    public int Rate { get; init; } = 400;
    public int Seconds { get; init; } = 30;
    public int Warmup { get; init; } = 5;
    public int Users { get; init; } = 200;
    public int Admins { get; init; } = 8;
    public IReadOnlyList<string> Modes { get; init; } = ["closed", "open"];
    public IReadOnlyList<string> Workloads { get; init; } = ["ping", "raw-read", "raw-write", "read", "save", "journey", "review"];
    public IReadOnlyList<string> ReviewPages { get; init; } = DefaultPages;
    public string? Json { get; init; }

    public static Options? Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        if (!values.TryGetValue("url", out var url) || !values.TryGetValue("connection", out var connection))
        {
            return null;
        }

        int N(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        IReadOnlyList<string> L(string key, IReadOnlyList<string> fallback) =>
            values.TryGetValue(key, out var v) ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;
        var defaults = new Options { Url = url, Connection = connection };
        var concurrency = N("concurrency", defaults.Concurrency);
        return defaults with
        {
            Concurrency = concurrency,
            Rate = N("rate", defaults.Rate),
            Seconds = N("seconds", defaults.Seconds),
            Warmup = N("warmup", defaults.Warmup),
            Users = Math.Max(concurrency, N("users", defaults.Users)),
            Admins = N("admins", defaults.Admins),
            Modes = L("modes", defaults.Modes),
            Workloads = L("workloads", defaults.Workloads),
            ReviewPages = L("pages", defaults.ReviewPages),
            Json = values.GetValueOrDefault("json"),
        };
    }
}
