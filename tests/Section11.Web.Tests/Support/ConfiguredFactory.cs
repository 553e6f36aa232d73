using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Section11.Core.Tests.Support;

namespace Section11.Web.Tests.Support;

/// <summary>
/// The application in a chosen environment with extra settings (a null value removes one the base sets), keeping
/// every log line it writes: for tests of what start-up does with its configuration.
/// </summary>
public sealed class ConfiguredFactory : Section11Factory
{
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private ConfiguredFactory(TestDatabase? database, string environment, IReadOnlyDictionary<string, string?> settings)
        : base(database ?? (settings.ContainsKey("Demo:Enabled") ? new TestDatabase() : new TestDatabase { From = WithDemo }), ownsDatabase: database is null)
    {
        _environment = environment;
        _settings = settings;
    }

    public LogCapture Logs { get; } = new();

    /// <summary>Started, on a new database, or as another node on <paramref name="database"/>.</summary>
    public static async Task<ConfiguredFactory> StartAsync(string environment, IReadOnlyDictionary<string, string?> settings, TestDatabase? database = null)
    {
        var factory = new ConfiguredFactory(database, environment, settings);
        await factory.InitializeAsync();
        return factory;
    }

    public Task StopAsync() => ((IAsyncLifetime)this).DisposeAsync();

    /// <summary>A client that talks plain http to the server, as a proxy or a person typing http:// would.</summary>
    public HtmlClient CreateHttpClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false }), this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            // First of all the start-up filters, so before forwarded headers are read.
            services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, LoopbackPeer>());
        });
    }

    /// <summary>
    /// The test server names no peer, and forwarded headers believe a request with none; Kestrel always names one.
    /// Every request here comes from 127.0.0.1, as from a proxy on the same machine.
    /// </summary>
    private sealed class LoopbackPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Every log line, with its level and category.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Line(string Category, LogLevel Level, string Message);

    private readonly ConcurrentQueue<Line> _lines = new();

    public IReadOnlyList<Line> Lines => [.. _lines];

    public IReadOnlyList<string> Warnings => [.. _lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Line> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new(category, logLevel, formatter(state, exception)));
    }
}
