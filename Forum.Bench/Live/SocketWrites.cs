using System.Net.WebSockets;

namespace Forum.Bench.Live;

/// <summary>What every bench socket does the same way: one frame at a time on the socket, and a close that never throws.</summary>
public static class SocketWrites
{
    /// <summary>A WebSocket takes one send at a time: the driver's sends and its pong answers share <paramref name="sending"/>.</summary>
    public static async Task SendAsync(ClientWebSocket ws, SemaphoreSlim sending, byte[] frame, CancellationToken ct)
    {
        await sending.WaitAsync(ct);
        try
        {
            await ws.SendAsync(frame, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Closes the output (5 s at most) and disposes; a socket the server already dropped is simply disposed.</summary>
    public static async Task CloseAsync(ClientWebSocket ws)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (ws.State == WebSocketState.Open) await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        ws.Dispose();
    }
}
