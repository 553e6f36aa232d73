using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Answers to the anonymous survey are limited per client address, held in this process's memory only (never
/// stored): Survey:AnswersPerMinute (default 20) posts a minute. Reading the survey is never limited.
/// </summary>
public static class SurveyRateLimit
{
    public const string Policy = "survey-answers";

    public static IServiceCollection AddSurveyRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Survey:AnswersPerMinute", 20);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
        });
    }
}
