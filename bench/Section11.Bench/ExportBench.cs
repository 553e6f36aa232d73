using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Section11.Bench.Data;

namespace Section11.Bench;

/// <summary>
/// `full-export`: the largest partnership's full export, each format in turn, as its administrator asks for it: the
/// request, the progress page read every second until the background worker has made it, the download streamed to
/// nowhere. With `--server-pid` it reads the server's peak resident memory (VmHWM) for each format, resetting it first
/// (/proc/PID/clear_refs), so each figure is the web process's peak while producing and sending that export.
/// </summary>
public static partial class ExportBench
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!values.TryGetValue("url", out var url))
        {
            Console.Error.WriteLine("Usage: Section11.Bench full-export --url http://127.0.0.1:5080 [--admin bench-admin-1@bench.example] [--partnership 1] [--server-pid PID]");
            return 1;
        }

        var partnership = values.GetValueOrDefault("partnership", "1");
        int? pid = values.TryGetValue("server-pid", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : null;
        using var admin = new BenchUser(new Uri(url), values.GetValueOrDefault("admin", "bench-admin-1@bench.example"));
        await admin.SignInAsync(NationalOptions.BenchPassword);
        output.WriteLine($"Full export of partnership {partnership} against {url}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine();
        output.WriteLine("| format | ready after | download | size | server peak RSS (VmHWM) | RSS before |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var format in new[] { "zip", "json" })
        {
            var before = Rss(pid, "VmRSS");
            if (pid is { } id)
            {
                await File.WriteAllTextAsync($"/proc/{id}/clear_refs", "5"); // resets VmHWM to the current RSS
            }

            var page = $"/partnerships/{partnership}/data-export";
            var fields = Forms.Fields(await admin.Http.GetStringAsync(page));
            Forms.Set(fields, "Format", format);
            var clock = Stopwatch.StartNew();
            using var posted = await admin.Http.PostAsync(page, new FormUrlEncodedContent(fields));
            var progress = posted.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"The request answered {(int)posted.StatusCode}");
            string status;
            do
            {
                await Task.Delay(1000);
                status = Status().Match(await admin.Http.GetStringAsync(progress)).Groups[1].Value;
            }
            while (status is "Waiting to start" or "Being prepared");

            var ready = clock.Elapsed;
            if (status != "Ready")
            {
                output.WriteLine($"| {format} | {status} after {ready.TotalSeconds:F0} s | | | | |");
                continue;
            }

            clock.Restart();
            using var file = await admin.Http.GetAsync(progress + "/file", HttpCompletionOption.ResponseHeadersRead);
            await using var body = await file.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            long size = 0;
            for (int n; (n = await body.ReadAsync(buffer)) > 0;)
            {
                size += n;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {format} | {ready.TotalSeconds:F1} s | {clock.Elapsed.TotalSeconds:F1} s | {size / 1_000_000.0:F1} MB | {Rss(pid, "VmHWM")} | {before} |"));
        }

        return 0;
    }

    private static string Rss(int? pid, string field)
    {
        if (pid is null)
        {
            return "—";
        }

        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? "?" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024} MB";
    }

    [GeneratedRegex("id=\"export-status\"><strong[^>]*>([^<]*)</strong>", RegexOptions.CultureInvariant)]
    private static partial Regex Status();
}
