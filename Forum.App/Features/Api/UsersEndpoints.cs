using Forum.App.Features.Api.Docs;
using Forum.Data;
using Forum.Data.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.App.Features.Api;

/// <summary>/api/users/{userName}: a member's public profile, posts and comments (ProfileQueries), as the profile page shows them.</summary>
public static class UsersEndpoints
{
    public const int MaxLimit = ProfileQueries.MaxPageSize;

    public static void MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users/{userName}").WithTags("Members");

        users.MapGet("", GetAsync).WithName("GetUser")
            .WithSummary("A member's profile")
            .WithDescription("The user name is matched in any letter case.")
            .Problems(StatusCodes.Status404NotFound);

        users.MapGet("/posts", PostsAsync).WithName("ListUserPosts")
            .WithSummary("A member's posts, newest first")
            .WithDescription($"Paged: pass `next` as `cursor`; `limit` is 1 to {MaxLimit} (default {ApiCursors.DefaultLimit}).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        users.MapGet("/comments", CommentsAsync).WithName("ListUserComments")
            .WithSummary("A member's comments, newest first, each with its post")
            .WithDescription($"Paged: pass `next` as `cursor`; `limit` is 1 to {MaxLimit} (default {ApiCursors.DefaultLimit}).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<UserJson>> GetAsync(string userName, ProfileQueries profiles, CancellationToken ct) =>
        TypedResults.Ok(UserJson.From(await FindAsync(profiles, userName, ct)));

    private static async Task<Ok<PageJson<PostSummaryJson>>> PostsAsync(
        string userName, ProfileQueries profiles, ApiCursors cursors, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        var member = await FindAsync(profiles, userName, ct);
        var list = $"user-posts:{member.UserId}";
        var page = await profiles.PostsAsync(member.UserId, Before(cursors, cursor, list), ApiCursors.Limit(limit, MaxLimit), ct);
        return TypedResults.Ok(new PageJson<PostSummaryJson>([.. page.Items.Select(PostSummaryJson.From)], Next(cursors, list, page.NextBeforeId)));
    }

    private static async Task<Ok<PageJson<UserCommentJson>>> CommentsAsync(
        string userName, ProfileQueries profiles, ApiCursors cursors, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        var member = await FindAsync(profiles, userName, ct);
        var list = $"user-comments:{member.UserId}";
        var page = await profiles.CommentsAsync(member.UserId, Before(cursors, cursor, list), ApiCursors.Limit(limit, MaxLimit), ct);
        return TypedResults.Ok(new PageJson<UserCommentJson>([.. page.Items.Select(UserCommentJson.From)], Next(cursors, list, page.NextBeforeId)));
    }

    private static async Task<ProfileSummary> FindAsync(ProfileQueries profiles, string userName, CancellationToken ct) =>
        await profiles.GetAsync(userName, ct) ?? throw ForumException.NotFound($"There is no member named '{userName}'.");

    private static int? Before(ApiCursors cursors, string? cursor, string list) => cursors.Decode(cursor, list, 1) is [var id] ? (int)id : null;

    private static string? Next(ApiCursors cursors, string list, int? beforeId) => beforeId is { } id ? cursors.Encode(list, id) : null;
}
