using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Section11.Core.Api;

namespace Section11.Web.Api;

/// <summary>
/// Calls of the API are limited per token, in this process's memory (so per node): Api:RequestsPerMinute (default
/// 300) in each one-minute window; one more answers 429 with Retry-After. The partition is the SHA-256 of the
/// Authorization header, so the limiter never holds a token itself.
/// </summary>
public static class ApiRateLimit
{
    public const string Policy = "api-token";

    public static IServiceCollection AddApiRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Api:RequestsPerMinute", 300);
        return services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => http.Request.Headers.Authorization.ToString() is { Length: > 0 } header
                ? RateLimitPartition.GetFixedWindowLimiter(ApiTokenService.Hash(header), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
                // No token: the call is refused with 401 anyway, and costs nothing to refuse.
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

                return ValueTask.CompletedTask;
            };
        });
    }
}
