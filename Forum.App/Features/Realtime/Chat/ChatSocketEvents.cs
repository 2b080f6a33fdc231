using System.Text.Json;
using Forum.App.Features.Realtime.Sockets;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Microsoft.Extensions.Options;

namespace Forum.App.Features.Realtime.Chat;

/// <summary>
/// <c>join</c> with a room name: the socket's member enters the room (presence), hears its <c>chat</c>, <c>removed</c>,
/// <c>joined</c> and <c>left</c> from now on, and first gets <c>history</c>: the latest page, oldest first; or, with
/// <c>"after": id</c> beside the message (or <c>{"room", "after"}</c> as the message), every message after that id in
/// pages of <see cref="CatchUpPage"/>, each but the last marked <c>more</c>. Live messages that arrive meanwhile follow the
/// history, none twice (<see cref="RoomListener"/>). Joining a room the socket is in reads its history again.
/// </summary>
internal sealed class JoinEvent(ChatQueries queries, ChatFanout fanout, IPresence presence, LiveFrames frames, IOptions<RealtimeOptions> options)
    : ISocketEventHandler
{
    public const int CatchUpPage = 100;

    public string Event => "join";

    public ValueTask HandleAsync(SocketConnection socket, JsonElement message) => HandleAsync(socket, message, default);

    public async ValueTask HandleAsync(SocketConnection socket, JsonElement message, JsonElement frame)
    {
        if (!ChatMessageReader.TryReadJoin(message, frame, out var name, out var after))
        {
            socket.SendError("""join needs a room name ("lobby", "movie-<post id>"), and optionally "after": the last message id you have.""");
            return;
        }
        var room = (await queries.GetRoomAsync(name)).Name;
        var chat = socket.Chat;
        await chat.LoadIgnoresAsync(() => queries.IgnoredIdsAsync(socket.UserId));
        var (listener, added) = chat.Join(room, fanout, options.Value.MaxRooms);
        if (listener is null)
        {
            socket.SendError($"This socket is in {options.Value.MaxRooms} rooms, as many as it may be: leave one first.");
            return;
        }
        if (added) listener.Enter(presence, socket.Member);
        try
        {
            await SendHistoryAsync(socket, listener, room, after);
        }
        catch
        {
            // Half joined is worse than not joined: the client is told (error) and joins again.
            chat.Leave(room);
            throw;
        }
    }

    private async Task SendHistoryAsync(SocketConnection socket, RoomListener listener, string room, long? after)
    {
        var viewer = socket.UserId;
        var page = after is { } from ? await queries.AfterAsync(viewer, room, from, CatchUpPage) : await queries.HistoryAsync(viewer, room);
        // A latest page's More means earlier messages exist: that is not something this join sends.
        var more = after is not null && page.More;
        var through = after ?? 0;
        while (true)
        {
            if (page.Items.Count > 0) through = Math.Max(through, page.Items[^1].Id);
            if (!more && listener.TryFinishHistory(frames.History(room, page.Items, more: false), through)) return;
            await socket.SendPacedAsync(frames.History(room, page.Items, more: true));
            page = await queries.AfterAsync(viewer, room, through, CatchUpPage);
            more = page.More;
        }
    }
}

/// <summary><c>leave</c> with a room name: out of the room and its presence. Leaving a room the socket is not in does nothing.</summary>
internal sealed class LeaveEvent : ISocketEventHandler
{
    public string Event => "leave";

    public ValueTask HandleAsync(SocketConnection socket, JsonElement message)
    {
        if (ChatMessageReader.TryReadJoin(message, default, out var name, out _) && ChatRooms.TryParse(name, out var room, out _))
            socket.Chat.Leave(room);
        else socket.SendError("""leave needs a room name ("lobby", "movie-<post id>").""");
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// <c>chat</c> with <c>{"room", "text", "requestId"}</c>: <see cref="ChatService.SendAsync"/> says yes or no. A refusal is an
/// <c>error</c> to this socket only; a message comes back to the sender as to everyone, through the bus (<c>chat</c> to
/// the room's sockets, <c>direct</c> to both members' sockets for "@name rest"), and a resend of a requestId stores and
/// sends nothing new.
/// </summary>
internal sealed class ChatEvent(ChatService chat) : ISocketEventHandler
{
    public string Event => "chat";

    public async ValueTask HandleAsync(SocketConnection socket, JsonElement message)
    {
        if (!ChatMessageReader.TryReadChat(message, out var room, out var text, out var requestId))
        {
            socket.SendError("""chat needs {"room": "lobby", "text": "…", "requestId": "<a GUID per draft, optional>"}.""");
            return;
        }
        await chat.SendAsync(socket.UserId, room, text, requestId);
    }
}
