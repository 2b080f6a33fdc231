using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Forum.App.Features.Api;
using Forum.Data.Chat;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Microsoft.Extensions.Options;

namespace Forum.App.Features.Realtime;

/// <summary>
/// The bytes of every frame the live transports send. A bus event is serialized once per transport and the bytes are
/// shared by every socket or stream that receives it (cached on the event instance, collected with it).
/// JSON uses the API's own options, so REST and live events spell the same records the same way.
/// </summary>
public sealed class LiveFrames
{
    public static readonly byte[] Ping = Encoding.UTF8.GetBytes("""{"event":"heartbeat","message":"ping"}""");
    public static readonly byte[] AuthOk = Encoding.UTF8.GetBytes("""{"event":"auth","message":"auth is ok"}""");
    public static readonly byte[] NoAuth = Encoding.UTF8.GetBytes("""{"event":"noauth","message":"auth is fail"}""");
    public static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    /// <summary>What a room's presence place starts with ("room:"), so a presence change can name its room.</summary>
    private static readonly string RoomPlace = Places.Room("");

    private readonly JsonSerializerOptions _json;
    private readonly ConditionalWeakTable<BusEvent, byte[]?> _socketFrames = new();
    private readonly ConditionalWeakTable<BusEvent, byte[]?> _streamFrames = new();
    private readonly ConditionalWeakTable<BusEvent, byte[]?>.CreateValueCallback _buildSocket;
    private readonly ConditionalWeakTable<BusEvent, byte[]?>.CreateValueCallback _buildStream;

    public LiveFrames(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        // The API's options (names, converters), but without HTML-safe escaping: frames are never embedded in a page, and
        // "Carol Díaz" reads better to a person watching a socket than "Carol D\u00EDaz".
        _json = new JsonSerializerOptions(json.Value.SerializerOptions) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        _buildSocket = e => BuildSocketFrame(e);
        _buildStream = e => BuildStreamFrame(e);
    }

    /// <summary>The frame for <paramref name="busEvent"/> on <paramref name="transport"/>, or null when it has none there.</summary>
    public byte[]? For(BusEvent busEvent, Transport transport) =>
        (transport == Transport.Socket ? _socketFrames : _streamFrames).GetValue(busEvent, transport == Transport.Socket ? _buildSocket : _buildStream);

    /// <summary>A message-center entry read from the database (a resume's backlog): one connection's, so not cached.</summary>
    public byte[] Notification(MessageItem item, Transport transport) => transport == Transport.Socket
        ? Socket("notification", NotificationJson.From(item))
        : StreamEvent("notification", item.Id, NotificationJson.From(item));

    public byte[] Unread(UnreadChanged state, Transport transport) => transport == Transport.Socket
        ? Socket("message", state.Count, state.Version)
        : StreamEvent("message", null, UnreadJson.From(state));

    public byte[] Error(string reason) => Socket("error", reason);

    /// <summary>One page of a room's history for one socket (read for it, filtered by its member's ignores): not cached.</summary>
    public byte[] History(string room, IReadOnlyList<ChatMessageView> items, bool more, bool gap = false) =>
        Socket("history", new ChatHistoryJson(room, [.. items.Select(ChatJson.Of)], more, gap));

    /// <summary><c>{"event": name, "message": message}</c>, and a <c>version</c> beside the message when given.</summary>
    public byte[] Socket<T>(string name, T message, long? version = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        // The writer's own encoder applies to what is serialized into it, so it gets the relaxed one too.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _json.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("event", name);
            writer.WritePropertyName("message");
            JsonSerializer.Serialize(writer, message, _json);
            if (version is { } v) writer.WriteNumber("version", v);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An EventSource event: <c>event:</c>, <c>id:</c> when given, one <c>data:</c> line (JSON has no raw line breaks).</summary>
    public byte[] StreamEvent<T>(string name, long? id, T data)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(data, _json);
        var head = id is { } i ? $"event: {name}\nid: {i}\ndata: " : $"event: {name}\ndata: ";
        var frame = new byte[Encoding.ASCII.GetByteCount(head) + json.Length + 2];
        var at = Encoding.ASCII.GetBytes(head, frame);
        json.CopyTo(frame, at);
        frame[^2] = frame[^1] = (byte)'\n';
        return frame;
    }

    private byte[]? BuildSocketFrame(BusEvent busEvent) => busEvent switch
    {
        UnreadChanged u => Unread(u, Transport.Socket),
        NotificationAdded n => Notification(n.Item, Transport.Socket),
        CommentAdded c => Socket("comment", CommentJson.From(c.Comment)),
        CommentEdited c => Socket("comment", CommentJson.From(c.Comment)),
        CommentRemoved r => Socket("removed", new RemovedJson("comment", r.CommentId)),
        PostRemoved p => Socket("removed", new RemovedJson("post", p.PostId)),
        ChatPosted c => Socket("chat", ChatJson.Of(c.Message)),
        ChatDeleted d => Socket("removed", new RemovedJson("chat", d.MessageId)),
        DirectPosted d => Socket("direct", ChatJson.Of(d.Message)),
        DirectDeleted d => Socket("removed", new RemovedJson("chat", d.MessageId)),
        PresenceChanged p when p.Place.StartsWith(RoomPlace, StringComparison.Ordinal) => Socket(p.Joined ? "joined" : "left",
            new RoomPresenceJson(p.Place[RoomPlace.Length..], p.Member.UserName, p.Member.UserId is null ? null : p.Member.DisplayName, p.Count)),
        _ => null,
    };

    private byte[]? BuildStreamFrame(BusEvent busEvent) => busEvent switch
    {
        UnreadChanged u => Unread(u, Transport.Stream),
        NotificationAdded n => Notification(n.Item, Transport.Stream),
        _ => null,
    };
}
