using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Forum.App.Features.Api.Docs;

/// <summary>
/// The OpenAPI document at /openapi/v1.json (Microsoft.AspNetCore.OpenApi, OpenAPI 3.1) and the page for people at
/// /api/docs (Swagger UI from Swashbuckle.AspNetCore.SwaggerUI, served from the package, nothing from a CDN). Swagger UI's
/// page loads its settings from a script file it serves (index.js), not an inline script, so the site-wide
/// Content-Security-Policy (script-src 'self') applies to it unchanged.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "api/docs";
    public const string BearerScheme = "Bearer";

    private const string TokenFlow = """
        Scripts and apps call the forum with a bearer token.

        1. Get a token: `POST /api/auth/token` with `{"userName": "alice", "password": "…"}` (user name or email).
           The answer is `{"access_token": "…", "token_type": "Bearer", "expires_in": 7200}`.
        2. Send it on every call: `Authorization: Bearer <access_token>` (reading the chat rooms needs none). A cookie never authorizes the API.
        3. After `expires_in` seconds (2 h), or once the password changes or the member signs out everywhere, calls answer 401: get a new token.

        On this page: run **Account → POST /api/auth/token** with *Try it out*, copy `access_token`, press **Authorize** and paste it.

        JSON in and out, camelCase, times in UTC with `Z`. Every error is `application/problem+json` with `title`, `status` and `detail`.
        Lists answer `{"items": […], "next": "<cursor>" | null}`: pass `next` back as `?cursor=` for the following page.
        Writes may carry a `requestId` (a GUID per draft): repeating the write returns the first result and stores nothing new.
        Writes are limited per member, token requests per address and per user name: 429 with `Retry-After`.
        """;

    public static IServiceCollection AddForumOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((document, context, ct) =>
        {
            document.Info = new OpenApiInfo { Title = "Forum API", Version = "v1", Description = TokenFlow };
            document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from `POST /api/auth/token`, sent as `Authorization: Bearer <access_token>`.",
            });
            return Task.CompletedTask;
        });
        o.AddOperationTransformer(DescribeAccessAsync);
    });

    /// <summary>Swagger UI at /api/docs for the document at /openapi/v1.json.</summary>
    public static WebApplication UseForumApiDocs(this WebApplication app)
    {
        // The default route, /openapi/{documentName}.json: DocumentPath for the one document, "v1".
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = DocsPath;
            o.SwaggerEndpoint(DocumentPath, "Forum API v1");
            o.DocumentTitle = "Forum API";
        });
        return app;
    }

    /// <summary>
    /// What every call shares, from what actually applies to it: calls that need a token get the Bearer requirement and a
    /// 401; writes get 413 (body limit), 415 (not JSON) and 429 (rate limit, with Retry-After).
    /// </summary>
    private static async Task DescribeAccessAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var problem = await ProblemSchemaAsync(context, ct);
        operation.Responses ??= [];
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            Add(operation, problem, StatusCodes.Status401Unauthorized, "No token, or one that is invalid, expired or revoked.");
        }
        if (context.Description.HttpMethod is "GET" or "HEAD") return;
        Add(operation, problem, StatusCodes.Status413PayloadTooLarge, $"The body is over {ApiFilters.MaxBodyBytes / 1024} KB.");
        Add(operation, problem, StatusCodes.Status415UnsupportedMediaType, "A body that is not JSON.");
        var limited = Add(operation, problem, StatusCodes.Status429TooManyRequests, "Rate limited: wait `Retry-After` seconds.");
        limited.Headers ??= new Dictionary<string, IOpenApiHeader>();
        limited.Headers["Retry-After"] = new OpenApiHeader
        {
            Description = "Seconds to wait before trying again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
        };
    }

    private static OpenApiResponse Add(OpenApiOperation operation, IOpenApiSchema problem, int status, string description)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
        };
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), response);
        return response;
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        const string id = nameof(ProblemDetails);
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
            document.AddComponent<IOpenApiSchema>(id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        return new OpenApiSchemaReference(id, document);
    }
}
