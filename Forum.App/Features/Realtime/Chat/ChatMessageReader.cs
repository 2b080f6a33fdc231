using System.Text.Json;
using Forum.App.Features.Realtime.Sockets;

namespace Forum.App.Features.Realtime.Chat;

/// <summary>Reads the chat events' messages strictly: a wrong type is a refusal, never a guess.</summary>
internal static class ChatMessageReader
{
    /// <summary>
    /// A room name as the message, with an optional <c>after</c> beside it in the frame; or <c>{"room", "after"}</c> as the
    /// message. <paramref name="after"/> is a message id (0 or more), or null for the latest page.
    /// </summary>
    public static bool TryReadJoin(JsonElement message, JsonElement frame, out string room, out long? after)
    {
        (room, after) = ("", null);
        var holder = frame;
        if (message.ValueKind == JsonValueKind.String) room = message.GetString()!;
        else if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("room", out var r) && r.ValueKind == JsonValueKind.String)
        {
            room = r.GetString()!;
            holder = message;
        }
        else return false;
        if (holder.ValueKind != JsonValueKind.Object || !holder.TryGetProperty("after", out var a) || a.ValueKind == JsonValueKind.Null) return true;
        if (!SocketEvents.TryReadId(a, out var id)) return false;
        after = id;
        return true;
    }

    /// <summary><c>{"room", "text", "requestId"}</c>: room and text strings (the service checks them), requestId a GUID or absent.</summary>
    public static bool TryReadChat(JsonElement message, out string room, out string text, out Guid? requestId)
    {
        (room, text, requestId) = ("", "", null);
        if (message.ValueKind != JsonValueKind.Object) return false;
        if (!message.TryGetProperty("room", out var r) || r.ValueKind != JsonValueKind.String) return false;
        if (!message.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String) return false;
        (room, text) = (r.GetString()!, t.GetString()!);
        if (!message.TryGetProperty("requestId", out var id) || id.ValueKind == JsonValueKind.Null) return true;
        if (id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), out var guid)) return false;
        requestId = guid;
        return true;
    }
}
