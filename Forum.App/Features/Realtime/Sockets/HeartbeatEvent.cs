using System.Text.Json;

namespace Forum.App.Features.Realtime.Sockets;

/// <summary><c>heartbeat</c> with <c>"pong"</c>: the answer to the server's ping that keeps the socket alive.</summary>
internal sealed class HeartbeatEvent : ISocketEventHandler
{
    public string Event => "heartbeat";

    public ValueTask HandleAsync(SocketConnection socket, JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.String && message.ValueEquals("pong")) socket.Pong();
        else socket.SendError("""Answer the server's heartbeat with {"event": "heartbeat", "message": "pong"}.""");
        return ValueTask.CompletedTask;
    }
}
