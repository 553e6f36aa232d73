using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Section11.Web.Infrastructure;

/// <summary>Logs (plain or JSON lines) and, when configured, OpenTelemetry traces and metrics: docs/operations.md, "Logs and traces".</summary>
public static class Observability
{
    /// <summary>
    /// Logging:Format=json writes one JSON object a line with its scopes. ASP.NET Core opens a scope for every request
    /// (RequestId, the request's TraceIdentifier, and RequestPath; TraceId and SpanId from its Activity), so every
    /// line written while serving a request names it, and the error page shows the same RequestId.
    /// </summary>
    public static void AddSection11Logging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"];
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else if (!string.IsNullOrEmpty(format) && !string.Equals(format, "text", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupConfigurationException($"Logging:Format is \"{format}\"; use text (the default) or json.");
        }
    }

    /// <summary>
    /// Traces (requests, outgoing HTTP, EF Core commands, Npgsql) and metrics (request rate, latency and status codes;
    /// PostgreSQL command time) sent over OTLP to OpenTelemetry:OtlpEndpoint. Without it nothing is collected or sent.
    /// </summary>
    public static void AddSection11Telemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(config["OpenTelemetry:OtlpEndpoint"]))
        {
            return;
        }

        if (!Uri.TryCreate(config["OpenTelemetry:OtlpEndpoint"], UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new StartupConfigurationException($"OpenTelemetry:OtlpEndpoint is \"{config["OpenTelemetry:OtlpEndpoint"]}\"; give an http:// or https:// address, such as http://collector:4317.");
        }

        var protocol = config["OpenTelemetry:OtlpProtocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new StartupConfigurationException($"OpenTelemetry:OtlpProtocol is \"{other}\"; use grpc (the default) or http/protobuf."),
        };

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OpenTelemetry:ServiceName"] ?? "section11"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddEntityFrameworkCoreInstrumentation().AddSource("Npgsql"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter("Npgsql"))
            // A base address: the exporter adds /v1/traces and /v1/metrics itself for http/protobuf.
            .UseOtlpExporter(protocol, endpoint);
    }
}
