using System.ComponentModel;
using System.Security.Claims;
using Forum.App.Features.Api.Docs;
using Forum.App.Features.Api.Tokens;
using Forum.Data;
using Forum.Data.Posts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.App.Features.Api;

/// <summary>/api/posts: the movie list, one post, and its author's create, edit and delete (PostService's rules).</summary>
public static class PostsEndpoints
{
    public const int MaxLimit = 100;

    public sealed record NewPostRequest(
        [property: Description("One line, up to 200 characters.")] string? Title,
        [property: Description("The year it came out: 1888 to five years ahead.")] int? Year,
        [property: Description("1 to 4 of the forum's genres, e.g. [\"Crime\", \"Drama\"].")] IReadOnlyList<string>? Genres,
        [property: Description("Up to 10,000 characters.")] string? Body,
        [property: Description("A GUID chosen per draft: sending it again returns the first post and stores nothing new.")] Guid? RequestId = null);

    /// <summary>Only the fields sent change; the others keep their stored value.</summary>
    public sealed record PostChangesRequest(string? Title = null, int? Year = null, IReadOnlyList<string>? Genres = null, string? Body = null);

    public static void MapPosts(this RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts").WithTags("Posts");

        posts.MapGet("", ListAsync).WithName("ListPosts")
            .WithSummary("List movie posts")
            .WithDescription("Newest first, or `sort=MostDiscussed`; `genre` filters by one genre (" + string.Join(", ", PostRules.Genres) + "). " +
                $"Paged: pass the answer's `next` as `cursor` for the following page; `limit` is 1 to {MaxLimit} (default {ApiCursors.DefaultLimit}).")
            .Problems(StatusCodes.Status400BadRequest);

        posts.MapPost("", CreateAsync).WithName("CreatePost")
            .WithSummary("Post a movie")
            .WithDescription("Answers 201 with the stored post and its `Location`. Ids, author, times and counters come from the server: " +
                "fields for them are ignored.")
            .Problems(StatusCodes.Status400BadRequest);

        posts.MapGet("/{id:int}", GetAsync).WithName("GetPost")
            .WithSummary("One post with its whole text")
            .Problems(StatusCodes.Status404NotFound);

        posts.MapPatch("/{id:int}", EditAsync).WithName("EditPost")
            .WithSummary("Change your post")
            .WithDescription("Only its author, and only while no one else has commented (409 after). Fields left out keep their value.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        posts.MapDelete("/{id:int}", DeleteAsync).WithName("DeletePost")
            .WithSummary("Delete your post")
            .WithDescription("Only its author, and only while no one else has commented (409 after); your own comments go with it.")
            .Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<PageJson<PostSummaryJson>>> ListAsync(
        PostQueries posts, ApiCursors cursors, PostSort sort = PostSort.Newest, string? genre = null, string? cursor = null, int? limit = null,
        CancellationToken ct = default)
    {
        if (genre is not null && !PostRules.Genres.Contains(genre))
            throw ForumException.Invalid($"'{genre}' is not one of the genres: {string.Join(", ", PostRules.Genres)}.");
        var list = $"posts:{sort}:{genre}";
        var after = cursors.Decode(cursor, list, 2) is [var id, var comments] ? new PostCursor((int)id, (int)comments) : null;
        var page = await posts.ListAsync(new PostQuery(sort, genre, after, ApiCursors.Limit(limit, MaxLimit)), ct);
        var next = page.Next is { } n ? cursors.Encode(list, n.Id, n.CommentCount) : null;
        return TypedResults.Ok(new PageJson<PostSummaryJson>([.. page.Items.Select(PostSummaryJson.From)], next));
    }

    private static async Task<Created<PostJson>> CreateAsync(NewPostRequest request, ClaimsPrincipal user, PostService service, PostQueries posts, CancellationToken ct)
    {
        var id = await service.CreateAsync(TokenClaims.UserIdOf(user),
            new NewPost(request.Title ?? "", request.Year ?? 0, request.Genres ?? [], request.Body ?? "", request.RequestId), ct);
        return TypedResults.Created($"/api/posts/{id}", PostJson.From(await posts.GetAsync(id, CancellationToken.None) ?? throw NoSuchPost()));
    }

    private static async Task<Ok<PostJson>> GetAsync(int id, PostQueries posts, CancellationToken ct) =>
        TypedResults.Ok(PostJson.From(await posts.GetAsync(id, ct) ?? throw NoSuchPost()));

    private static async Task<Ok<PostJson>> EditAsync(int id, PostChangesRequest changes, ClaimsPrincipal user, PostService service, PostQueries posts, CancellationToken ct)
    {
        var current = await posts.GetAsync(id, ct) ?? throw NoSuchPost();
        var edited = new NewPost(changes.Title ?? current.Title, changes.Year ?? current.Year,
            changes.Genres ?? ApiShapes.Genres(current.GenreList), changes.Body ?? current.Body);
        await service.EditAsync(TokenClaims.UserIdOf(user), id, edited, ct);
        return TypedResults.Ok(PostJson.From(await posts.GetAsync(id, CancellationToken.None) ?? throw NoSuchPost()));
    }

    private static async Task<NoContent> DeleteAsync(int id, ClaimsPrincipal user, PostService service, CancellationToken ct)
    {
        await service.DeleteAsync(TokenClaims.UserIdOf(user), id, ct);
        return TypedResults.NoContent();
    }

    internal static ForumException NoSuchPost() => ForumException.NotFound("That post does not exist (it may have been removed).");
}
