using System.Security.Claims;
using Forum.App.Features.Api.Docs;
using Forum.App.Features.Api.Tokens;
using Forum.Data.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.App.Features.Api;

/// <summary>
/// /api/chat/direct: the token's member's private conversations (ChatQueries, ChatService). The path names the other
/// member, so a call can only ever reach the caller's own conversation: no one else's exists for them. Also ignores.
/// </summary>
public static class DirectEndpoints
{
    public const int MaxLimit = ChatQueries.MaxConversationsPage;

    public static void MapDirect(this RouteGroupBuilder chat)
    {
        var direct = chat.MapGroup("/direct");

        direct.MapGet("", ListAsync).WithName("ListConversations")
            .WithSummary("Your private conversations, the newest message first")
            .WithDescription("Each with the other member (`with`, `withName`), the last message you can see and how many of theirs you have not read. " +
                $"Paged: pass `next` as `cursor`; `limit` is 1 to {MaxLimit} (default {ApiCursors.DefaultLimit}).")
            .Problems(StatusCodes.Status400BadRequest);

        var with = direct.MapGroup("/{userName}");
        with.MapGet("/messages", HistoryAsync).WithName("ListDirectMessages")
            .WithSummary("Your conversation with a member")
            .WithDescription("Oldest first, each message with `from` and `to`. Without `before`/`after`: the latest page (50 by default). " +
                "`before=<id>` (or `next` as `cursor`) pages back; `after=<id>` answers what came since, `next` null once caught up. " +
                $"`limit` is 1 to {ChatOptions.MaxPageSize}. Empty before the first message; 404 when no member has that name.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        with.MapPost("/messages", SendAsync).WithName("SendDirectMessage")
            .WithSummary("Write to a member privately")
            .WithDescription("Answers 201 with the message, which also goes to both members' /ws (`direct`) and raises the recipient's unread " +
                "count (a message of kind `direct`). 404 when no member has that name. The same flood rules as rooms (429 with `Retry-After`). " +
                "A member who ignores you does not get it, and you are not told.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        with.MapPost("/read", ReadAsync).WithName("ReadConversation")
            .WithSummary("Mark a conversation read")
            .WithDescription("Up to its newest message, with its `direct` entries in your messages. Answers your unread count.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    public static void MapIgnores(this RouteGroupBuilder api)
    {
        api.MapGet("/chat/ignores", IgnoresAsync).WithName("ListIgnoredMembers").WithTags("Chat")
            .WithSummary("The members you ignore")
            .WithDescription("Their room messages are left out of what you read and their private messages do not reach you.");

        var ignore = api.MapGroup("/users/{userName}/ignore").WithTags("Chat");
        ignore.MapPut("", IgnoreAsync).WithName("IgnoreMember")
            .WithSummary("Ignore a member")
            .WithDescription("From now on their room messages are hidden from you (in history and live) and their private messages do not " +
                "reach you. They are not told. Ignoring twice changes nothing.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        ignore.MapDelete("", UnignoreAsync).WithName("UnignoreMember")
            .WithSummary("Stop ignoring a member")
            .WithDescription("What they write from now on reaches you again (private messages sent meanwhile stay withheld).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<PageJson<ConversationJson>>> ListAsync(
        ClaimsPrincipal user, ChatQueries queries, ApiCursors cursors, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        var userId = TokenClaims.UserIdOf(user);
        var list = $"chat-direct:{userId}";
        var after = cursors.Decode(cursor, list, 2) is [var ticks, var id] ? new ConversationCursor(new DateTime(ticks, DateTimeKind.Utc), id) : null;
        var page = await queries.ConversationsAsync(userId, after, ApiCursors.Limit(limit, MaxLimit), ct);
        var next = page.Next is { } n ? cursors.Encode(list, n.LastMessageAt.Ticks, n.ConversationId) : null;
        return TypedResults.Ok(new PageJson<ConversationJson>([.. page.Items.Select(ConversationJson.From)], next));
    }

    private static async Task<Ok<PageJson<ChatJson>>> HistoryAsync(
        string userName, ClaimsPrincipal user, ChatQueries queries, ApiCursors cursors,
        long? before = null, long? after = null, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        var userId = TokenClaims.UserIdOf(user);
        var list = $"chat-direct:{userId}:{userName.Trim().TrimStart('@').ToUpperInvariant()}";
        var at = ChatPosition.Read(cursors, list, cursor, before, after);
        var conversation = at.After is { } from
            ? await queries.ConversationAfterAsync(userId, userName, from, limit, ct)
            : await queries.ConversationAsync(userId, userName, at.Before, limit, ct);
        return TypedResults.Ok(ChatPosition.Json(conversation.Page, at.Next(cursors, list, conversation.Page)));
    }

    private static async Task<Created<ChatJson>> SendAsync(
        string userName, ChatEndpoints.NewChatRequest request, ClaimsPrincipal user, ChatService chat, CancellationToken ct)
    {
        var message = await chat.SendDirectAsync(TokenClaims.UserIdOf(user), userName, request.Text, request.RequestId, ct);
        return TypedResults.Created($"/api/chat/messages/{message.Id}", ChatJson.Of(message));
    }

    private static async Task<Ok<UnreadJson>> ReadAsync(string userName, ClaimsPrincipal user, ChatService chat, CancellationToken ct) =>
        TypedResults.Ok(UnreadJson.From(await chat.MarkConversationReadAsync(TokenClaims.UserIdOf(user), userName, ct)));

    private static async Task<Ok<PageJson<ChatMemberJson>>> IgnoresAsync(ClaimsPrincipal user, ChatQueries queries, CancellationToken ct) =>
        TypedResults.Ok(new PageJson<ChatMemberJson>([.. (await queries.IgnoredAsync(TokenClaims.UserIdOf(user), ct)).Select(ChatMemberJson.From)], null));

    private static async Task<NoContent> IgnoreAsync(string userName, ClaimsPrincipal user, ChatService chat, CancellationToken ct)
    {
        await chat.IgnoreAsync(TokenClaims.UserIdOf(user), userName, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnignoreAsync(string userName, ClaimsPrincipal user, ChatService chat, CancellationToken ct)
    {
        await chat.UnignoreAsync(TokenClaims.UserIdOf(user), userName, ct);
        return TypedResults.NoContent();
    }
}
