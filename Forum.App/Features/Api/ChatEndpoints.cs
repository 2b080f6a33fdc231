using System.ComponentModel;
using System.Security.Claims;
using Forum.App.Features.Api.Docs;
using Forum.App.Features.Api.Tokens;
using Forum.Data.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.App.Features.Api;

/// <summary>
/// /api/chat: rooms, their history and sending (ChatQueries and ChatService, the rules the pages and /ws use), single
/// messages and the author's delete. Rooms are public: their reads take a token only to leave out whom the member ignores.
/// Private messages are in <see cref="DirectEndpoints"/>.
/// </summary>
public static class ChatEndpoints
{
    public const int MaxRooms = 100;

    public sealed record NewChatRequest(
        [property: Description("1 to 1,000 characters. In a room, \"@userName rest\" sends \"rest\" to that member alone.")] string? Text,
        [property: Description("A GUID chosen per draft: sending it again returns the first message and stores nothing new.")] Guid? RequestId = null);

    public static void MapChat(this RouteGroupBuilder api)
    {
        var chat = api.MapGroup("/chat").WithTags("Chat");
        var rooms = chat.MapGroup("/rooms");
        var history = "Oldest first. Without `before`/`after`: the latest page (50 messages unless `limit` says otherwise). `before=<id>` (or `next` " +
            "as `cursor`) pages back through the whole history; `after=<id>` (the last id you showed) answers what came since, " +
            $"then `next` continues forward and is null once you are caught up. `limit` is 1 to {ChatOptions.MaxPageSize}.";

        rooms.MapGet("", ListRoomsAsync).WithName("ListChatRooms").AllowAnonymous().AddEndpointFilter(ApiFilters.OptionalToken)
            .WithSummary("The chat rooms: the lobby, then the movie rooms with recent messages")
            .WithDescription("Each with `online`, how many people are in it now (members once however many tabs, plus visitors). " +
                $"Any movie post has a room, `movie-<postId>`, listed here once someone writes in it. `limit` is 1 to {MaxRooms} movie rooms (default 20). " +
                "No token needed.");

        rooms.MapGet("/{room}", GetRoomAsync).WithName("GetChatRoom").AllowAnonymous().AddEndpointFilter(ApiFilters.OptionalToken)
            .WithSummary("One room, with who is in it now")
            .WithDescription("`members` are the signed-in members there now (each once), `visitors` how many anonymous ones. " +
                "Room names are `lobby` and `movie-<postId>`, in any letter case. No token needed.")
            .Problems(StatusCodes.Status404NotFound);

        rooms.MapGet("/{room}/messages", RoomHistoryAsync).WithName("ListChatMessages").AllowAnonymous().AddEndpointFilter(ApiFilters.OptionalToken)
            .WithSummary("A room's messages")
            .WithDescription(history + " No token needed; with one, messages of members you ignore are left out. " +
                "A deleted message keeps its place with empty `text` and `deleted: true`.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        rooms.MapPost("/{room}/messages", SendAsync).WithName("SendChatMessage")
            .WithSummary("Write in a room")
            .WithDescription("Answers 201 with the message, which also goes live to the room (/ws `chat`). A text \"@userName rest\" is " +
                "private, exactly as on /ws: \"rest\" goes to that member alone and the answer is the private message (with `to`), " +
                "or 404 when no member has that name (nothing is sent). At most 5 messages per 5 s and not the same text twice " +
                "within 10 s (429 with `Retry-After`, counted with /ws and the pages).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        var messages = chat.MapGroup("/messages/{id:long}");
        messages.MapGet("", GetMessageAsync).WithName("GetChatMessage").AllowAnonymous().AddEndpointFilter(ApiFilters.OptionalToken)
            .WithSummary("One chat message")
            .WithDescription("A room message for anyone; a private one only for its two members (404 for anyone else, as for an unknown id).")
            .Problems(StatusCodes.Status404NotFound);

        messages.MapDelete("", DeleteAsync).WithName("DeleteChatMessage")
            .WithSummary("Delete your message")
            .WithDescription($"Only its author, within {ChatRules.DeleteWindow.TotalMinutes:0} minutes of sending (409 after). The text is blanked; " +
                "open rooms and conversations get /ws `removed` and show a placeholder. Someone else's private message is a 404.")
            .Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        chat.MapDirect();
        api.MapIgnores();
    }

    private static async Task<Ok<PageJson<ChatRoomJson>>> ListRoomsAsync(ChatQueries queries, int? limit = null, CancellationToken ct = default) =>
        TypedResults.Ok(new PageJson<ChatRoomJson>([.. (await queries.ListRoomsAsync(limit ?? 20, ct)).Select(ChatRoomJson.From)], null));

    private static async Task<Ok<ChatRoomJson>> GetRoomAsync(string room, ChatQueries queries, CancellationToken ct)
    {
        var found = await queries.GetRoomAsync(room, ct);
        var here = queries.WhoIsHere(found.Name);
        return TypedResults.Ok(new ChatRoomJson(found.Name, found.DisplayName, found.PostId, here.Members.Count + here.Visitors,
            [.. here.Members.Select(ChatMemberJson.From)], here.Visitors));
    }

    private static async Task<Ok<PageJson<ChatJson>>> RoomHistoryAsync(
        string room, ClaimsPrincipal user, ChatQueries queries, ApiCursors cursors,
        long? before = null, long? after = null, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        // The canonical name, so "LOBBY" and "lobby" share cursors; whether the room exists is the query's 404.
        var name = ChatRooms.TryParse(room, out var canonical, out _) ? canonical : room;
        var list = $"chat-room:{name}";
        var at = ChatPosition.Read(cursors, list, cursor, before, after);
        var viewer = TokenClaims.UserIdOf(user);
        var page = at.After is { } from
            ? await queries.AfterAsync(viewer, name, from, limit, ct)
            : await queries.HistoryAsync(viewer, name, at.Before, limit, ct);
        return TypedResults.Ok(ChatPosition.Json(page, at.Next(cursors, list, page)));
    }

    private static async Task<Created<ChatJson>> SendAsync(string room, NewChatRequest request, ClaimsPrincipal user, ChatService chat, CancellationToken ct)
    {
        var message = await chat.SendAsync(TokenClaims.UserIdOf(user), room, request.Text, request.RequestId, ct);
        return TypedResults.Created($"/api/chat/messages/{message.Id}", ChatJson.Of(message));
    }

    private static async Task<Ok<ChatJson>> GetMessageAsync(long id, ClaimsPrincipal user, ChatQueries queries, CancellationToken ct) =>
        TypedResults.Ok(ChatJson.Of(await queries.GetMessageAsync(TokenClaims.UserIdOf(user), id, ct)));

    private static async Task<NoContent> DeleteAsync(long id, ClaimsPrincipal user, ChatService chat, CancellationToken ct)
    {
        await chat.DeleteAsync(TokenClaims.UserIdOf(user), id, ct);
        return TypedResults.NoContent();
    }
}
