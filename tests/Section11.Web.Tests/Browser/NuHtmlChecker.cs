using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The Nu HTML Checker (vnu, the W3C validator's engine) over pages saved as the server sent them: each page is
/// written to a folder as it is seen, and <see cref="CheckAsync"/> runs the checker once over the whole folder (one
/// Java start, a few seconds, rather than one a page). The jar comes from npm's vnu-jar package, which scripts/test.sh
/// installs into .cache/vnu and names in SECTION11_VNU_JAR; without the variable the jar is looked for in .cache/vnu
/// above the test's folder. When neither Java nor the jar is found the check is left out, unless SECTION11_REQUIRE_VNU=1
/// (as scripts/test.sh sets) makes that a failure.
/// </summary>
public sealed class NuHtmlChecker : IDisposable
{
    public const string Version = "26.9.27";
    public const string InstallCommand = $"npm install --prefix .cache/vnu vnu-jar@{Version} --ignore-scripts --no-audit --no-fund";
    private const string JarInCache = ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar";

    /// <summary>
    /// Messages the checker reports that are not errors in the pages, each with why. Empty: every error counts.
    /// An entry is a fragment of the message, as specific as it can be.
    /// </summary>
    private static readonly (string Fragment, string Why)[] Harmless = [];

    private readonly Dictionary<string, string> _addresses = new(StringComparer.Ordinal);
    private bool _keep;

    public NuHtmlChecker()
    {
        Folder = Directory.CreateTempSubdirectory("section11-nu-").FullName;
    }

    /// <summary>Where the pages are saved.</summary>
    public string Folder { get; }

    public int Count => _addresses.Count;

    /// <summary>Where the pages are kept to be read, when the check found errors; null otherwise.</summary>
    public string? Kept => _keep ? Folder : null;

    /// <summary>Whether SECTION11_REQUIRE_VNU=1 makes a missing checker a failure rather than a check left out.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("SECTION11_REQUIRE_VNU") == "1";

    /// <summary>The jar: SECTION11_VNU_JAR, or else .cache/vnu in the repository; null when neither is there.</summary>
    public static string? FindJar()
    {
        if (Environment.GetEnvironmentVariable("SECTION11_VNU_JAR") is { Length: > 0 } named)
        {
            return File.Exists(named) ? Path.GetFullPath(named) : null;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var jar = Path.Combine(folder.FullName, JarInCache);
            if (File.Exists(jar))
            {
                return jar;
            }
        }

        return null;
    }

    /// <summary>The java on the PATH, or null.</summary>
    public static string? FindJava()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var java = Path.Combine(folder, "java");
            if (File.Exists(java))
            {
                return java;
            }
        }

        return null;
    }

    /// <summary>Saves the page's HTML, as served, for the check at the end.</summary>
    public void Save(string address, string html)
    {
        var name = $"{_addresses.Count + 1:D4}.html";
        File.WriteAllText(Path.Combine(Folder, name), html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _addresses[name] = address;
    }

    /// <summary>
    /// Null when Java and the jar are there; otherwise why the check is left out, or, when SECTION11_REQUIRE_VNU=1,
    /// an exception naming what to install (the crawl calls this first, so it fails before crawling).
    /// </summary>
    public static string? Missing()
    {
        var jar = FindJar();
        var java = FindJava();
        if (jar is null || java is null)
        {
            var missing = java is null
                ? "Java is not installed (apt-get install default-jre-headless)"
                : Environment.GetEnvironmentVariable("SECTION11_VNU_JAR") is { Length: > 0 } named
                    ? $"SECTION11_VNU_JAR names {named}, which is not there"
                    : $"the Nu HTML Checker is not in {JarInCache}: install it with `{InstallCommand}` at the repository's root";
            if (Required)
            {
                throw new InvalidOperationException($"The Nu HTML Checker cannot run, and SECTION11_REQUIRE_VNU=1 requires it: {missing}.");
            }

            return $"Nu HTML Checker left out: {missing}";
        }

        return null;
    }

    /// <summary>
    /// Checks every saved page at once. Returns the errors as "address line N: message (extract)", and a note when the
    /// check was left out (no Java or no jar, and not required); throws when it is required and cannot run.
    /// </summary>
    public async Task<(List<string> Errors, string? LeftOut)> CheckAsync()
    {
        if (Missing() is { } leftOut)
        {
            return ([], leftOut);
        }

        var jar = FindJar()!;
        var java = FindJava()!;
        if (_addresses.Count == 0)
        {
            return (["no pages were saved for the Nu HTML Checker"], null);
        }

        var start = new ProcessStartInfo(java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-jar", jar, "--format", "json", "--errors-only", "--exit-zero-always", Folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{java} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The Nu HTML Checker took more than 5 minutes over {_addresses.Count} pages");
        }

        // vnu writes its report to standard error.
        var report = await stderr;
        var rest = await stdout;
        if (process.ExitCode != 0 || !report.TrimStart().StartsWith('{'))
        {
            throw new InvalidOperationException($"The Nu HTML Checker failed (exit {process.ExitCode}): {report}{rest}");
        }

        var errors = new List<string>();
        using var json = JsonDocument.Parse(report);
        foreach (var message in json.RootElement.GetProperty("messages").EnumerateArray())
        {
            var type = message.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "info")
            {
                continue;
            }

            var text = message.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            if (Harmless.Any(h => text.Contains(h.Fragment, StringComparison.Ordinal)))
            {
                continue;
            }

            // The url is file:/folder/0001.html, which System.Uri does not parse; the name is all that is needed.
            var file = message.TryGetProperty("url", out var u) && u.GetString() is { } url ? Path.GetFileName(url) : "";
            var address = _addresses.GetValueOrDefault(file, file);
            var line = message.TryGetProperty("lastLine", out var l) ? $" line {l.GetInt32().ToString(CultureInfo.InvariantCulture)}" : "";
            var extract = message.TryGetProperty("extract", out var e) ? $" (at \"{e.GetString()?.Replace("\n", " ", StringComparison.Ordinal).Trim()}\")" : "";
            errors.Add($"{address}{line}: {(type == "error" ? "" : type + ": ")}{text}{extract}");
        }

        // Pages with errors stay on disk to be read (see Kept).
        _keep = errors.Count > 0;
        return (errors, null);
    }

    public void Dispose()
    {
        if (_keep)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
