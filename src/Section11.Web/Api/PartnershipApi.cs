using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
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
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }

    /// <summary>
    /// After routing, for everything under /api: the HTML error pages are for people, so API errors stay bare status codes
    /// (401 with WWW-Authenticate, 404); and an address or method the API does not serve answers 404 or 405 at once,
    /// rather than going on to the pages' sign-in redirect.
    /// </summary>
    public static IApplicationBuilder UseApiRequests(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(Prefix))
            {
                return next(context);
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

                return Task.CompletedTask;
            }

            return next(context);
        });

    /// <summary>Marks the API's own endpoints.</summary>
    private sealed class ApiEndpoint;

    public static IEndpointRouteBuilder MapPartnershipApi(this IEndpointRouteBuilder app)
    {
        // Only the token scheme authenticates here: the policy's scheme replaces the cookie's user for these endpoints.
        var tokenOnly = new AuthorizationPolicyBuilder(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        var api = app.MapGroup(Prefix + "/v1/partnerships/{partnershipId:int}")
            .RequireAuthorization(tokenOnly)
            .WithMetadata(new ApiEndpoint())
            .AddEndpointFilter(OwnPartnershipOnly);

        api.MapGet("/rounds", (int partnershipId, PartnershipApiService service, CancellationToken ct) =>
            service.GetRoundsAsync(partnershipId, ct));
        api.MapGet("/rounds/{roundId:int}/returns", async (int partnershipId, int roundId, PartnershipApiService service, CancellationToken ct) =>
            Found(await service.GetReturnsAsync(partnershipId, roundId, ct)));
        api.MapGet("/rounds/{roundId:int}/ratings", async (int partnershipId, int roundId, PartnershipApiService service, CancellationToken ct) =>
            Found(await service.GetRatingsAsync(partnershipId, roundId, ct)));
        api.MapGet("/rounds/{roundId:int}/action-plans", async (int partnershipId, int roundId, PartnershipApiService service, CancellationToken ct) =>
            Found(await service.GetActionPlansAsync(partnershipId, roundId, ct)));
        return app;
    }

    private static IResult Found<T>(T? value)
        where T : class => value is null ? Results.NotFound() : Results.Ok(value);

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
