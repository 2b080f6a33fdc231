using Forum.App.Components.Account;
using Forum.App.Features.Api.Tokens;
using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Posts;
using Microsoft.AspNetCore.Mvc;

namespace Forum.App.Features.Api;

/// <summary>The JSON API: the same services as the pages, so the same rules apply.</summary>
public static class ApiEndpoints
{
    public sealed record CommentRequest(string? Body, int? ParentId, Guid? RequestId);

    public static void MapForumApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter(JsonOnlyWrites).AddEndpointFilter(ForumErrorsAsProblems);
        api.MapMe();
        api.MapTokens();

        api.MapGet("/posts", (PostQueries posts, PostSort sort = PostSort.Newest, string? genre = null, int? afterId = null, int afterComments = 0, CancellationToken ct = default) =>
            posts.ListAsync(new PostQuery(sort, genre, afterId is null ? null : new PostCursor(afterId.Value, afterComments)), ct));

        api.MapGet("/posts/{id:int}", async Task<IResult> (int id, PostQueries posts, CommentQueries comments, CancellationToken ct) =>
            await posts.GetAsync(id, ct) is { } post
                ? TypedResults.Ok(new { post, comments = await comments.ListForPostAsync(id, ct) })
                : TypedResults.Problem("That post does not exist.", statusCode: StatusCodes.Status404NotFound));

        api.MapPost("/posts/{id:int}/comments", async (int id, CommentRequest request, HttpContext http, CommentService comments, CancellationToken ct) =>
            {
                var comment = await comments.AddAsync(http.User.UserId(), new NewComment(id, request.Body ?? "", request.ParentId, request.RequestId), ct);
                return TypedResults.Created($"/posts/{comment.PostId}#c{comment.Id}", comment);
            })
            .RequireAuthorization();

        api.MapGet("/messages", (HttpContext http, MessageService messages, DateTime? afterCreated = null, long? afterId = null, CancellationToken ct = default) =>
                messages.GetPageAsync(http.User.UserId(), afterCreated is null || afterId is null ? null : new MessageCursor(afterCreated.Value, afterId.Value), ct: ct))
            .RequireAuthorization();

        api.MapPost("/messages/read-all", (HttpContext http, MessageService messages, CancellationToken ct) =>
                messages.MarkAllReadAsync(http.User.UserId(), ct))
            .RequireAuthorization();
    }

    /// <summary>
    /// Writes must say Content-Type: application/json. A cross-site HTML form cannot send that without a CORS
    /// preflight, so the cookie alone never authorizes a forged write.
    /// </summary>
    private static ValueTask<object?> JsonOnlyWrites(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        HttpMethods.IsGet(context.HttpContext.Request.Method) || context.HttpContext.Request.HasJsonContentType()
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem("Send JSON (Content-Type: application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType));

    /// <summary>A rule's refusal becomes a problem response with the rule's message, never a 500.</summary>
    private static async ValueTask<object?> ForumErrorsAsProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ForumException ex)
        {
            var status = ex.Kind switch
            {
                ForumErrorKind.NotFound => StatusCodes.Status404NotFound,
                ForumErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ForumErrorKind.SignInRequired => StatusCodes.Status401Unauthorized,
                _ => StatusCodes.Status400BadRequest,
            };
            return TypedResults.Problem(ex.Message, statusCode: status);
        }
    }
}
