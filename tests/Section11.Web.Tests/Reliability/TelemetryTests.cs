using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Reliability;

/// <summary>OpenTelemetry is off unless OpenTelemetry:OtlpEndpoint names a collector, and then traces and metrics reach it.</summary>
[Trait("Category", "Reliability")]
public sealed class TelemetryTests
{
    /// <summary>An OTLP/HTTP collector that answers 200 to everything and remembers the paths posted to it.</summary>
    private sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();

        public Collector()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = ServeAsync();
        }

        public int Port { get; }

        public ConcurrentQueue<string> Posts { get; } = new();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                await context.Request.InputStream.CopyToAsync(Stream.Null);
                Posts.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}");
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_nothing_is_collected_or_sent()
    {
        var node = await ConfiguredFactory.StartAsync("Testing", new Dictionary<string, string?>());
        try
        {
            Assert.Null(node.Services.GetService<TracerProvider>());
            Assert.Null(node.Services.GetService<MeterProvider>());
        }
        finally
        {
            await node.StopAsync();
        }
    }

    [Fact]
    public async Task With_an_otlp_endpoint_request_traces_and_metrics_reach_the_collector()
    {
        using var collector = new Collector();
        var node = await ConfiguredFactory.StartAsync("Testing", new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = $"http://127.0.0.1:{collector.Port}",
            ["OpenTelemetry:OtlpProtocol"] = "http/protobuf",
        });
        try
        {
            using var client = node.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            // Stopping flushes what the exporters hold, so the test waits on no timer.
            await node.StopAsync();
        }

        Assert.Contains("POST /v1/traces", collector.Posts);
        Assert.Contains("POST /v1/metrics", collector.Posts);
    }
}
