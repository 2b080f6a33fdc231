using System.Text.Json;
using Forum.App.Features.Realtime.Sockets;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Microsoft.Extensions.Options;

namespace Forum.App.Features.Realtime.Chat;

/// <summary>
/// <c>join</c> with a room name: the socket's member enters the room (presence), hears its <c>chat</c>, <c>removed</c>,
/// <c>joined</c> and <c>left</c> from now on, and first gets <c>history</c>: the latest page, oldest first. With
/// <c>"after": id</c> beside the message (or <c>{"room", "after"}</c> as the message), the last id the client showed, the
/// history is every message after it instead, in frames of <see cref="CatchUpPage"/>, each but the last marked <c>more</c>:
/// a reconnect misses nothing and shows nothing twice. Past <see cref="CatchUpMax"/> missed messages the client has been
/// away long: the history is the latest page marked <c>gap</c> (what lies between is for REST's <c>after=</c>), so one join
/// never streams a room's whole past. Live messages that arrive meanwhile follow the history, none twice
/// (<see cref="RoomListener"/>). Joining a room the socket is in reads its history again.
/// </summary>
internal sealed class JoinEvent(ChatQueries queries, ChatFanout fanout, IPresence presence, LiveFrames frames, IOptions<RealtimeOptions> options)
    : ISocketEventHandler
{
    public const int CatchUpPage = 100;
    public const int CatchUpMax = 500;

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
        var (items, gap) = after is { } from ? await MissedAsync(viewer, room, from) : ((await queries.HistoryAsync(viewer, room)).Items, false);
        var through = Math.Max(after ?? 0, items.Count > 0 ? items[^1].Id : 0);
        // Whether the database holds more after `through`: only after live messages were dropped during a long read.
        var more = false;
        while (true)
        {
            var lastFrom = Math.Max(0, (items.Count - 1) / CatchUpPage * CatchUpPage);
            for (var start = 0; start < lastFrom; start += CatchUpPage)
                await socket.SendPacedAsync(frames.History(room, Slice(items, start), more: true, gap));
            var last = Slice(items, lastFrom);
            if (!more && listener.TryFinishHistory(frames.History(room, last, more: false, gap), through)) return;
            await socket.SendPacedAsync(frames.History(room, last, more: true, gap));
            var page = await queries.AfterAsync(viewer, room, through, CatchUpPage);
            (items, more) = (page.Items, page.More);
            if (items.Count > 0) through = items[^1].Id;
        }
    }

    /// <summary>Every message after <paramref name="after"/>, oldest first; or, past <see cref="CatchUpMax"/>, the latest page and a gap.</summary>
    private async Task<(IReadOnlyList<ChatMessageView> Items, bool Gap)> MissedAsync(string? viewer, string room, long after)
    {
        var missed = new List<ChatMessageView>();
        while (true)
        {
            var page = await queries.AfterAsync(viewer, room, after, CatchUpPage);
            missed.AddRange(page.Items);
            if (!page.More) return (missed, false);
            if (missed.Count >= CatchUpMax) return ((await queries.HistoryAsync(viewer, room)).Items, true);
            after = page.Items[^1].Id;
        }
    }

    private static List<ChatMessageView> Slice(IReadOnlyList<ChatMessageView> items, int start) =>
        [.. items.Skip(start).Take(CatchUpPage)];
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
