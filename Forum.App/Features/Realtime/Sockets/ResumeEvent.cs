using System.Text.Json;

namespace Forum.App.Features.Realtime.Sockets;

/// <summary>
/// <c>resume</c> with the last notification id the client saw: every <c>notification</c> after it, oldest first, read
/// from the notifications table (so it survives a restart), then the current <c>message</c> count.
/// </summary>
internal sealed class ResumeEvent : ISocketEventHandler
{
    public string Event => "resume";

    public ValueTask HandleAsync(SocketConnection socket, JsonElement message)
    {
        if (!SocketEvents.TryReadId(message, out var afterId))
            socket.SendError("resume needs the last notification id you saw (a number; 0 for all).");
        else if (!socket.StartResume(afterId))
            socket.SendError("A resume is already running on this socket.");
        return ValueTask.CompletedTask;
    }
}
