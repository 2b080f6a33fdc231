using System.Collections.Frozen;
using System.Text.Json;

namespace Forum.App.Features.Realtime.Sockets;

/// <summary>
/// What a client may send on <c>/ws</c>: one handler per event name. A feature adds its events by registering handlers
/// (<c>services.AddSocketEvent&lt;T&gt;()</c>), so chat's join/leave/chat/history sit beside these without a switch
/// growing here. Every handler is a public door: it checks its input and asks the feature's service, which checks rights.
/// </summary>
public interface ISocketEventHandler
{
    /// <summary>The <c>event</c> name it answers.</summary>
    string Event { get; }

    /// <summary>Whether the socket must have authenticated first (every event but <c>auth</c>).</summary>
    bool NeedsAuth => true;

    /// <summary>
    /// Handles one message (<paramref name="message"/> is the <c>message</c> value, Undefined when absent). Messages of one
    /// socket are handled one at a time; a <see cref="Forum.Data.ForumException"/> becomes an <c>error</c> with its text.
    /// </summary>
    ValueTask HandleAsync(SocketConnection socket, JsonElement message);
}

public sealed class SocketEvents(IEnumerable<ISocketEventHandler> handlers)
{
    private readonly FrozenDictionary<string, ISocketEventHandler> _byName = handlers.ToFrozenDictionary(h => h.Event, StringComparer.Ordinal);

    public bool TryGet(string name, out ISocketEventHandler handler) => _byName.TryGetValue(name, out handler!);

    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>A positive whole number, given as a JSON number or a string of digits (a post or notification id).</summary>
    public static bool TryReadId(JsonElement message, out long id)
    {
        id = 0;
        return message.ValueKind switch
        {
            JsonValueKind.Number => message.TryGetInt64(out id) && id >= 0,
            JsonValueKind.String => long.TryParse(message.GetString(), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out id),
            _ => false,
        };
    }
}
