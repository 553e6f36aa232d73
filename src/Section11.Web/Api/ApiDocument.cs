using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Section11.Web.Api;

/// <summary>
/// The API's OpenAPI document, served at /api/v1/openapi.json to anyone (it describes the shapes, never data), so a
/// partnership's analysts can generate a client. OpenAPI 3.0, which every common generator reads; only the API's own
/// endpoints, with the bearer-token scheme they all need.
/// </summary>
public static class ApiDocument
{
    public const string Path = PartnershipApi.Prefix + "/v1/openapi.json";
    private const string Name = "v1";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/partnerships/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Section11 partnership API",
                    Version = "v1",
                    Description = "Read-only: one partnership's audit rounds, returns, ratings and action plans. See docs/api.md.",
                };
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer",
                    Description = "A partnership's API token (s11_…), created on the partnership's API tokens page.",
                };
                InlineNullableEnums(document);
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                return Task.CompletedTask;
            });
            // Enumerations travel as their names (JsonStringEnumConverter): say so, or generators read them as numbers.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if ((Nullable.GetUnderlyingType(type) ?? type).IsEnum && schema.Enum is { Count: > 0 })
                {
                    schema.Type = JsonSchemaType.String;
                }

                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, _, _) =>
            {
                // The list's query: plain integers and the tracker statuses by name, as the endpoint reads them
                // (the binder's own schema for int? allows strings, which generators turn into odd types).
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
                {
                    parameter.Schema = parameter.Name switch
                    {
                        "status" => new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Enum = [.. Enum.GetNames<Section11.Core.Returns.TrackerStatus>().Select(n => (System.Text.Json.Nodes.JsonNode)n)],
                        },
                        _ => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    };
                    parameter.Description = parameter.Name switch
                    {
                        "status" => "Only returns in this tracker status",
                        "page" => "The page, from 1 (default 1)",
                        _ => $"Returns a page, 1 to {Section11.Core.Api.ApiPaging.MaxSize} (default {Section11.Core.Api.ApiPaging.DefaultSize})",
                    };
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// A nullable enum property comes out as "one of null or the enum", which generators turn into a class of its own:
    /// write it as a nullable string of the enum's names instead.
    /// </summary>
    private static void InlineNullableEnums(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            foreach (var (name, property) in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).ToList())
            {
                if (property.OneOf is { Count: 2 } oneOf && oneOf.OfType<OpenApiSchemaReference>().SingleOrDefault() is { } reference
                    && reference.Reference.Id is { } id && schemas.TryGetValue(id, out var target) && target.Enum is { Count: > 0 } names)
                {
                    schema.Properties![name] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Enum = [.. names] };
                }
            }
        }
    }

    public static IEndpointConventionBuilder MapApiDocument(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(PartnershipApi.Prefix + "/{documentName}/openapi.json").AllowAnonymous();
}
