using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Reliability;

/// <summary>
/// The built service as an operating-system process of its own (`dotnet Section11.Web.dll`, the app running inside
/// the dotnet host, no child process), serving HTTPS on a loopback port over a test database, so that a test can
/// kill -9 it. Every line it writes is kept, and a kill can be armed to fire from the reading thread the moment a
/// line appears.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private const string CertificatePassword = "fault-injection";

    /// <summary>The server's certificate (a throwaway self-signed one, as a PFX file) and its thumbprint, which clients trust alone.</summary>
    private static readonly Lazy<(string Path, string Thumbprint)> Certificate = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("section11-cert-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var path = Path.Combine(folder, "localhost.pfx");
        using var certificate = TestCertificates.Localhost();
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return (path, certificate.Thumbprint);
    });

    private readonly Process _process;
    private readonly string _mailFolder;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Lock _armed = new();
    private Func<string, bool>? _killWhen;

    private AppProcess(Process process, int port, string mailFolder)
    {
        _process = process;
        Port = port;
        _mailFolder = mailFolder;
    }

    public int Port { get; }

    public Uri Address => new($"https://localhost:{Port}");

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Log => string.Join('\n', _lines);

    /// <summary>The line that fired the armed kill, if one did.</summary>
    public string? KilledAt { get; private set; }

    /// <summary>The web project's own build output (the configuration this test assembly was built in).</summary>
    private static string WebDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepoPaths.Root, "src", "Section11.Web", "bin", configuration, "net10.0", "Section11.Web.dll");
        }
    }

    /// <summary>
    /// Starts the service on <paramref name="database"/>, on <paramref name="port"/> (a restart keeps its predecessor's,
    /// so clients and their cookies carry on); <paramref name="settings"/> are added as environment variables (Section__Key).
    /// </summary>
    public static AppProcess Start(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        port ??= TestCertificates.FreeLoopbackPort();
        var mail = Directory.CreateTempSubdirectory("section11-mail-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [WebDll])
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "src", "Section11.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Database__Provider"] = database.Settings.Provider.ToString(),
            ["ConnectionStrings__Section11"] = database.Settings.ConnectionString,
            ["Database__MigrateOnStart"] = "true",
            ["Demo__Enabled"] = "true",
            ["Accounts__PublicBaseUrl"] = $"https://localhost:{port}",
            ["Frameworks__Path"] = RepoPaths.Frameworks,
            ["Email__PickupDirectory"] = mail,
            ["Reminders__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Kestrel__Endpoints__Https__Url"] = $"https://localhost:{port}",
            ["Kestrel__Endpoints__Https__Certificate__Path"] = Certificate.Value.Path,
            ["Kestrel__Endpoints__Https__Certificate__Password"] = CertificatePassword,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, port.Value, mail);
        process.OutputDataReceived += (_, e) => app.Received(e.Data);
        process.ErrorDataReceived += (_, e) => app.Received(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Kills the process (SIGKILL) on the reading thread as soon as a line matching <paramref name="when"/> is written.</summary>
    public void KillWhen(Func<string, bool> when)
    {
        lock (_armed)
        {
            _killWhen = when;
        }

        // A line already written counts too.
        if (_lines.FirstOrDefault(when) is { } already)
        {
            Received(null, already);
        }
    }

    private void Received(string? line) => Received(line, null);

    private void Received(string? line, string? replay)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }

        var candidate = line ?? replay;
        if (candidate is null)
        {
            return;
        }

        lock (_armed)
        {
            if (_killWhen is not null && _killWhen(candidate))
            {
                _killWhen = null;
                KilledAt = candidate;
                try
                {
                    _process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end (after an armed kill, or on its own), within <paramref name="limit"/>.</summary>
    public async Task<int> ExitedAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The service (pid {Id}) was still running after {limit.TotalSeconds:N0} s. Its output:\n{Log}");
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// kill -9, then proves the service is gone: the exit code says SIGKILL (128 + 9), and nothing listens on its port
    /// any more (were the app a child of the process killed, it would still be answering).
    /// </summary>
    public async Task KillAsync()
    {
        _process.Kill();
        var exit = await ExitedAsync(TimeSpan.FromSeconds(30));
        if (exit != 137)
        {
            throw new InvalidOperationException($"The service ended with exit code {exit}, not 137 (SIGKILL). Its output:\n{Log}");
        }

        if (IsListening(Port))
        {
            throw new InvalidOperationException($"Port {Port} still answers after the service (pid {Id}) was killed: another process serves it.");
        }
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls /health until it answers 200 (a real process coming up, hence real waiting), failing if the process ends first.</summary>
    public async Task WaitHealthyAsync(TimeSpan limit)
    {
        using var http = CreateHttpClient(cookies: null);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} before it was healthy. Its output:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"The service (pid {Id}) was not healthy after {limit.TotalSeconds:N0} s. Its output:\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A client for this process (the test's own self-signed certificate accepted); cookies kept in <paramref name="cookies"/>.</summary>
    public HttpClient CreateHttpClient(CookieContainer? cookies) => CreateHttpClient(Address, cookies);

    /// <summary>A client for whichever process serves <paramref name="address"/>: cookies outlive the process they came from.</summary>
    public static HttpClient CreateHttpClient(Uri address, CookieContainer? cookies)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == Certificate.Value.Thumbprint },
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
        };
        return new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Ended meanwhile.
            }

            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_mailFolder, recursive: true);
    }
}
