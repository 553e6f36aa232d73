using Microsoft.Extensions.Logging.Console;

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
}
