using System.Text.Json.Serialization;
using Forum.App.Features.Api.Docs;
using Forum.App.Features.Api.RateLimits;
using Forum.App.Features.Api.Tokens;

namespace Forum.App.Features.Api;

/// <summary>
/// The JSON API for scripts and apps (PROTOCOL.md, REST): a thin door over the same services as the pages, so the same
/// rules apply. Bearer tokens only; every call but the token exchange and the chat rooms' reads needs one. Endpoints live by feature
/// (<see cref="PostsEndpoints"/>, <see cref="CommentsEndpoints"/>, <see cref="MessagesEndpoints"/>, <see cref="UsersEndpoints"/>, <see cref="ChatEndpoints"/>);
/// what they share (filters, cursors, rate limits, OpenAPI) is registered here once.
/// </summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddForumApi(this IServiceCollection services)
    {
        services.AddForumTokens();
        services.AddSingleton<ApiCursors>();
        services.ConfigureHttpJsonOptions(o =>
        {
            // A number is a JSON number ("year": 1999, not "1999"), so the contract has one type per field; enums are names.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddForumRateLimits();
        services.AddForumOpenApi();
        return services;
    }

    /// <summary>The API's middleware (after authentication and authorization, so the limiter knows the member) and its endpoints.</summary>
    public static WebApplication UseForumApi(this WebApplication app)
    {
        app.UseWhen(ApiProblems.IsApi, api => api.UseApiBodyLimit());
        app.UseRateLimiter();
        app.UseForumApiDocs();

        var api = app.MapGroup("/api")
            .RequireAuthorization()
            .AddEndpointFilter(ApiFilters.JsonOnlyWrites)
            .AddEndpointFilter(ApiFilters.ForumErrorsAsProblems);
        api.MapTokens();
        api.MapMe();
        api.MapPosts();
        api.MapComments();
        api.MapMessages();
        api.MapUsers();
        api.MapChat();
        api.MapReports();
        api.MapModeration();
        return app;
    }
}
