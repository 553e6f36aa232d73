using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Section11.Core.Api;

namespace Section11.Web.Api;

/// <summary>
/// The read-only JSON API under /api/v1/partnerships/{partnershipId}: GET only, authenticated by a partnership's API
/// token alone. A token answers for its own partnership; any other partnership or a round not in it is 404.
/// </summary>
public static class PartnershipApi
{
    public const string Prefix = "/api";

    public static IServiceCollection AddPartnershipApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(
            ApiTokenAuthenticationHandler.SchemeName, null);
        // Camel-case names are the default; enums as their names, so a reader never needs our numbering.
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Numbers are numbers: the web default also reads them from strings, which the OpenAPI document would then
            // describe as "integer or string", and generated clients would get odd types.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddApiDocument();
        return services;
    }

    /// <summary>
    /// After routing, for everything under /api: the HTML error pages are for people, so API errors stay bare status codes
    /// (401 with WWW-Authenticate, 404); and an address or method the API does not serve answers 404 or 405 at once,
    /// rather than going on to the pages' sign-in redirect.
    /// </summary>
    public static IApplicationBuilder UseApiRequests(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(Prefix))
            {
                await next(context);
                return;
            }

            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<ApiEndpoint>() is null)
            {
                // Routing picks a 405 endpoint when the address exists for another method (the API serves GET only).
                context.Response.StatusCode = endpoint is null ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed;
                if (endpoint is not null)
                {
                    context.Response.Headers.Allow = "GET";
                }

                return;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(context);
            await LogCallAsync(context, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        });

    /// <summary>Every call a token made (its own partnership's or not) is logged against it; calls with no valid token have no token to log against.</summary>
    private static async Task LogCallAsync(HttpContext context, TimeSpan duration)
    {
        if (context.User.FindFirst(ApiTokenAuthenticationHandler.TokenClaim)?.Value is { } id
            && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId))
        {
            await context.RequestServices.GetRequiredService<ApiTokenService>().RecordCallAsync(tokenId, context.Request.Method,
                context.Request.Path + context.Request.QueryString, context.Response.StatusCode, duration, CancellationToken.None);
        }
    }

    /// <summary>Marks the API's own endpoints (and its OpenAPI document).</summary>
    internal sealed class ApiEndpoint;

    public static IEndpointRouteBuilder MapPartnershipApi(this IEndpointRouteBuilder app)
    {
        // Only the token scheme authenticates here: the policy's scheme replaces the cookie's user for these endpoints.
        var tokenOnly = new AuthorizationPolicyBuilder(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        var api = app.MapGroup(Prefix + "/v1/partnerships/{partnershipId:int}")
            .RequireAuthorization(tokenOnly)
            .WithMetadata(new ApiEndpoint())
            .AddEndpointFilter(OwnPartnershipOnly)
            .RequireRateLimiting(ApiRateLimit.Policy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(StatusCodes.Status401Unauthorized),
                new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(StatusCodes.Status429TooManyRequests));

        api.MapGet("/rounds", async (int partnershipId, PartnershipApiService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetRoundsAsync(partnershipId, ct)))
            .WithName("GetRounds").WithSummary("Every audit round of the partnership, latest return-by date first");
        api.MapGet("/rounds/{roundId:int}/returns", GetReturnsAsync)
            .WithName("GetReturns").WithSummary("Each agency's return in the round, filtered by tracker status and paged");
        api.MapGet("/rounds/{roundId:int}/returns/{returnId:int}", async Task<Results<Ok<ApiReturnDetail>, NotFound>> (
                    int partnershipId, int roundId, int returnId, PartnershipApiService service, CancellationToken ct) =>
                Found(await service.GetReturnAsync(partnershipId, roundId, returnId, ct)))
            .WithName("GetReturn").WithSummary("One return with every answer, evaluation, sign-off and this partnership's moderated grades");
        api.MapGet("/rounds/{roundId:int}/ratings", async Task<Results<Ok<ApiRoundRatings>, NotFound>> (
                    int partnershipId, int roundId, PartnershipApiService service, CancellationToken ct) =>
                Found(await service.GetRatingsAsync(partnershipId, roundId, ct)))
            .WithName("GetRatings").WithSummary("The ratings of the round's submitted returns, with moderated ratings beside them");
        api.MapGet("/rounds/{roundId:int}/action-plans", async Task<Results<Ok<IReadOnlyList<ApiActionPlanSummary>>, NotFound>> (
                    int partnershipId, int roundId, PartnershipApiService service, CancellationToken ct) =>
                Found(await service.GetActionPlansAsync(partnershipId, roundId, ct)))
            .WithName("GetActionPlans").WithSummary("Each agency's actions from the round's improvement areas, counted by RAG");
        api.MapGet("/rounds/{roundId:int}/action-plans/{agencyId:int}", async Task<Results<Ok<ApiActionPlan>, NotFound>> (
                    int partnershipId, int roundId, int agencyId, PartnershipApiService service, CancellationToken ct) =>
                Found(await service.GetActionPlanAsync(partnershipId, roundId, agencyId, ct)))
            .WithName("GetActionPlan").WithSummary("One agency's improvement areas from the round, with actions and monitoring");
        api.MapGet("/rounds/{roundId:int}/reviews", async Task<Results<Ok<IReadOnlyList<ApiReview>>, NotFound>> (
                    int partnershipId, int roundId, PartnershipApiService service, CancellationToken ct) =>
                Found(await service.GetReviewsAsync(partnershipId, roundId, ct)))
            .WithName("GetReviews").WithSummary("Each agency's review: its state, notes with the agency's sent answers, and moderated ratings");
        api.MapGet("/rounds/{roundId:int}/survey-results", async Task<Results<Ok<ApiSurveyResults>, NotFound>> (
                    int partnershipId, int roundId, PartnershipApiService service, CancellationToken ct) =>
                Found(await service.GetSurveyResultsAsync(partnershipId, roundId, ct)))
            .WithName("GetSurveyResults").WithSummary("The all-staff survey's results per question, for the partnership and each agency, above the minimum group size");
        app.MapApiDocument().WithMetadata(new ApiEndpoint());
        return app;
    }

    /// <summary>
    /// The page asked for (status, page 1 onwards, pageSize up to 500), with the whole count in X-Total-Count and the
    /// first, previous, next and last pages in a Link header; anything the API does not offer is 400.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<ApiReturn>>, NotFound, BadRequest>> GetReturnsAsync(
        int partnershipId, int roundId, string? status, int? page, int? pageSize, HttpContext http, PartnershipApiService service, CancellationToken ct)
    {
        if (!ApiReturnsQuery.TryRead(status, page, pageSize, out var query))
        {
            return TypedResults.BadRequest();
        }

        if (await service.GetReturnsAsync(partnershipId, roundId, query, ct) is not { } result)
        {
            return TypedResults.NotFound();
        }

        var paging = result.Paging;
        http.Response.Headers["X-Total-Count"] = paging.Total.ToString(CultureInfo.InvariantCulture);
        string Page(int n, string rel) =>
            $"<{http.Request.PathBase}{http.Request.Path}?{(query.Status is { } s ? $"status={s}&" : "")}page={n}&pageSize={paging.PageSize}>; rel=\"{rel}\"";
        var links = new List<string> { Page(1, "first") };
        if (paging.Page > 1)
        {
            links.Add(Page(Math.Min(paging.Page - 1, paging.Pages), "prev"));
        }

        if (paging.Page < paging.Pages)
        {
            links.Add(Page(paging.Page + 1, "next"));
        }

        links.Add(Page(paging.Pages, "last"));
        http.Response.Headers.Link = string.Join(", ", links);
        return TypedResults.Ok(result.Rows);
    }

    private static Results<Ok<T>, NotFound> Found<T>(T? value)
        where T : class => value is null ? TypedResults.NotFound() : TypedResults.Ok(value);

    /// <summary>A token reads its own partnership; another partnership's address answers 404, as if it did not exist.</summary>
    private static async ValueTask<object?> OwnPartnershipOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var own = http.User.FindFirst(ApiTokenAuthenticationHandler.PartnershipClaim)?.Value;
        var asked = http.Request.RouteValues["partnershipId"]?.ToString();
        if (own is null || !string.Equals(own, asked, StringComparison.Ordinal)
            || !int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Results.NotFound();
        }

        return await next(context);
    }
}
