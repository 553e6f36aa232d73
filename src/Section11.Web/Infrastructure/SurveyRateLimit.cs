using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Answers to the anonymous survey are limited per client address, held in this process's memory only (never
/// stored): Survey:AnswersPerMinute (default 300) posts a minute. Reading the survey is never limited. The default is
/// high on purpose: after a staff briefing a whole trust answers at once, and its staff network reaches the service
/// through one proxy address, so a limit of a few a minute would refuse real people; 300 still stops a script.
/// </summary>
public static class SurveyRateLimit
{
    public const string Policy = "survey-answers";

    public static IServiceCollection AddSurveyRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Survey:AnswersPerMinute", 300);
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
