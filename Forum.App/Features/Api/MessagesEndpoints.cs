using System.Security.Claims;
using Forum.App.Features.Api.Docs;
using Forum.App.Features.Api.Tokens;
using Forum.Data.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.App.Features.Api;

/// <summary>/api/messages: the token's member's message center, its unread count, and marking read (MessageService).</summary>
public static class MessagesEndpoints
{
    public const int MaxLimit = MessageService.MaxPageSize;

    public static void MapMessages(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Messages");

        messages.MapGet("", ListAsync).WithName("ListMessages")
            .WithSummary("Your messages, newest first")
            .WithDescription("Comments on your posts (`kind: comment`) and replies to your comments (`kind: reply`), each with who wrote it, " +
                $"the post and an excerpt. Paged: pass `next` as `cursor`; `limit` is 1 to {MaxLimit} (default {ApiCursors.DefaultLimit}).")
            .Problems(StatusCodes.Status400BadRequest);

        messages.MapGet("/unread", UnreadAsync).WithName("GetUnreadCount")
            .WithSummary("Your unread count")
            .WithDescription("`version` grows with every change of the count: of two answers (or stream events), the higher version is the newer.");

        messages.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkMessageRead")
            .WithSummary("Mark one of your messages read")
            .WithDescription("Answers the new unread count. An id that is not one of your messages is a 404, whether or not it exists.")
            .Problems(StatusCodes.Status404NotFound);

        messages.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllMessagesRead")
            .WithSummary("Mark all your messages read")
            .WithDescription("Answers the new unread count (0).");
    }

    private static async Task<Ok<PageJson<NotificationJson>>> ListAsync(
        ClaimsPrincipal user, MessageService messages, ApiCursors cursors, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        var userId = TokenClaims.UserIdOf(user);
        // Bound to the member: a cursor from someone else's list is refused rather than read as a position in this one.
        var list = $"messages:{userId}";
        var after = cursors.Decode(cursor, list, 2) is [var ticks, var id] ? new MessageCursor(new DateTime(ticks, DateTimeKind.Utc), id) : null;
        var page = await messages.GetPageAsync(userId, after, ApiCursors.Limit(limit, MaxLimit), ct);
        var next = page.Next is { } n ? cursors.Encode(list, n.CreatedAt.Ticks, n.Id) : null;
        return TypedResults.Ok(new PageJson<NotificationJson>([.. page.Items.Select(NotificationJson.From)], next));
    }

    private static async Task<Ok<UnreadJson>> UnreadAsync(ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
        TypedResults.Ok(UnreadJson.From(await messages.GetUnreadAsync(TokenClaims.UserIdOf(user)!, ct)));

    private static async Task<Ok<UnreadJson>> MarkReadAsync(long id, ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
        TypedResults.Ok(UnreadJson.From(await messages.MarkOwnReadAsync(TokenClaims.UserIdOf(user), id, ct)));

    private static async Task<Ok<UnreadJson>> MarkAllReadAsync(ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
        TypedResults.Ok(UnreadJson.From(await messages.MarkAllReadAsync(TokenClaims.UserIdOf(user), ct)));
}
