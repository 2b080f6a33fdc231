using System.ComponentModel;
using System.Security.Claims;
using Forum.App.Features.Api.Docs;
using Forum.App.Features.Api.Tokens;
using Forum.Data;
using Forum.Data.Comments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.App.Features.Api;

/// <summary>A post's thread, and a comment's author's edit and delete (CommentService and CommentEditService's rules).</summary>
public static class CommentsEndpoints
{
    public const int MaxLimit = CommentQueries.MaxPageSize;

    public sealed record NewCommentRequest(
        [property: Description("1 to 2,000 characters.")] string? Body,
        [property: Description("The comment this one answers (on the same post); null for a new thread.")] int? ParentId = null,
        [property: Description("A GUID chosen per draft: sending it again returns the first comment and stores nothing new.")] Guid? RequestId = null);

    public sealed record CommentChangesRequest([property: Description("The new text, 1 to 2,000 characters.")] string? Body);

    public static void MapComments(this RouteGroupBuilder api)
    {
        var thread = api.MapGroup("/posts/{id:int}/comments").WithTags("Comments");
        thread.MapGet("", ListAsync).WithName("ListComments")
            .WithSummary("A post's comments and replies, oldest first")
            .WithDescription($"A reply carries its thread's `parentId`. Paged: pass `next` as `cursor`; `limit` is 1 to {MaxLimit} (default {ApiCursors.DefaultLimit}).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        thread.MapPost("", AddAsync).WithName("AddComment")
            .WithSummary("Comment on a post, or reply to a comment")
            .WithDescription("Answers 201 with the stored comment and its `Location`. The post's author (and the member answered) get a message.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        var comments = api.MapGroup("/comments/{id:int}").WithTags("Comments");
        comments.MapGet("", GetAsync).WithName("GetComment")
            .WithSummary("One comment")
            .Problems(StatusCodes.Status404NotFound);
        comments.MapPatch("", EditAsync).WithName("EditComment")
            .WithSummary("Change your comment")
            .WithDescription($"Only its author, within {CommentRules.EditWindow.TotalMinutes:0} minutes of posting and before anyone replies (409 after).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        comments.MapDelete("", DeleteAsync).WithName("DeleteComment")
            .WithSummary("Delete your comment")
            .WithDescription($"Only its author, within {CommentRules.EditWindow.TotalMinutes:0} minutes of posting and before anyone replies (409 after).")
            .Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<PageJson<CommentJson>>> ListAsync(
        int id, CommentQueries queries, ApiCursors cursors, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        var list = $"comments:{id}";
        var after = cursors.Decode(cursor, list, 1) is [var afterId] ? (int)afterId : (int?)null;
        var page = await queries.PageForPostAsync(id, after, ApiCursors.Limit(limit, MaxLimit), ct) ?? throw PostsEndpoints.NoSuchPost();
        var next = page.NextAfterId is { } n ? cursors.Encode(list, n) : null;
        return TypedResults.Ok(new PageJson<CommentJson>([.. page.Items.Select(CommentJson.From)], next));
    }

    private static async Task<Created<CommentJson>> AddAsync(int id, NewCommentRequest request, ClaimsPrincipal user, CommentService service, CancellationToken ct)
    {
        var comment = await service.AddAsync(TokenClaims.UserIdOf(user), new NewComment(id, request.Body ?? "", request.ParentId, request.RequestId), ct);
        return TypedResults.Created($"/api/comments/{comment.Id}", CommentJson.From(comment));
    }

    private static async Task<Ok<CommentJson>> GetAsync(int id, CommentQueries queries, CancellationToken ct) =>
        TypedResults.Ok(CommentJson.From(await queries.GetAsync(id, ct)
            ?? throw ForumException.NotFound("That comment does not exist (it may have been removed).")));

    private static async Task<Ok<CommentJson>> EditAsync(int id, CommentChangesRequest changes, ClaimsPrincipal user, CommentEditService edits, CancellationToken ct) =>
        TypedResults.Ok(CommentJson.From(await edits.EditAsync(TokenClaims.UserIdOf(user), id, changes.Body, ct)));

    private static async Task<NoContent> DeleteAsync(int id, ClaimsPrincipal user, CommentEditService edits, CancellationToken ct)
    {
        await edits.DeleteAsync(TokenClaims.UserIdOf(user), id, ct);
        return TypedResults.NoContent();
    }
}
