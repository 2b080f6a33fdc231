using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Forum.Data;

namespace Forum.App.Features.Realtime.Sockets;

/// <summary>The reading half: one message at a time, each checked (size, type, rate, JSON, event, auth) before a handler runs.</summary>
public sealed partial class SocketConnection
{
    private const int FirstBufferBytes = 1024;
    private const string NotAnEvent = """Each message must be a JSON object: {"event": "<name>", "message": <value>}.""";
    private int _windowSecond;
    private int _windowCount;

    /// <summary>Accepts the upgrade and serves the socket until it ends: one async frame for both (see SocketEndpoint).</summary>
    internal async Task RunAsync(HttpContext http)
    {
        // No protocol-level keep-alive timer per socket: the shared sweeper's heartbeat does that job.
        _ws = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.Zero });
        Services.Registry.Add(this);
        var writer = RunWriterAsync(CancellationToken.None);
        var clean = false;
        try
        {
            while (Volatile.Read(ref _closingSince) == 0)
            {
                // A zero-byte read waits for the next frame without holding a buffer: idle sockets cost no receive memory.
                var next = await _ws.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (next.MessageType == WebSocketMessageType.Close) break;
                if (next.MessageType == WebSocketMessageType.Binary)
                {
                    SendError("This socket speaks JSON text frames only.");
                    Close(WebSocketCloseStatus.InvalidMessageType, "text frames only");
                    break;
                }
                if (next.EndOfMessage)
                {
                    // An empty text message: nothing to parse.
                    if (Admit()) SendError(NotAnEvent);
                    continue;
                }
                var message = await ReadMessageAsync();
                if (_ws.State == WebSocketState.CloseReceived) break;
                if (message is not { } text) continue;
                if (Admit()) await DispatchAsync(text);
                else ArrayPool<byte>.Shared.Return(text.Bytes);
            }
            await DrainUntilClosedAsync();
            clean = true;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client vanished or was cut: cleaning up is all there is to do.
        }
        finally
        {
            Release();
            if (clean) Close(_ws.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "");
            else Terminate();
            // Still registered while the writer finishes, so the sweeper can cut a close that never completes.
            await writer;
            Services.Registry.Remove(this);
            _ws.Dispose();
        }
    }

    /// <summary>The message's bytes (pooled: the caller returns them), or null when it was too big or the socket is closing.</summary>
    private async Task<Message?> ReadMessageAsync()
    {
        var limit = Services.Options.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(FirstBufferBytes, limit));
        var count = 0;
        try
        {
            while (true)
            {
                if (count == Math.Min(buffer.Length, limit))
                {
                    if (count >= limit)
                    {
                        SendError($"A message may be at most {limit} bytes.");
                        Close(WebSocketCloseStatus.MessageTooBig, $"message over {limit} bytes");
                        return null;
                    }
                    // Most messages fit the first small buffer; only a long one borrows the full-size one.
                    var larger = ArrayPool<byte>.Shared.Rent(limit);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await _ws.ReceiveAsync(buffer.AsMemory(count, Math.Min(buffer.Length, limit) - count), CancellationToken.None);
                if (read.MessageType == WebSocketMessageType.Close) return null;
                count += read.Count;
                if (read.EndOfMessage)
                {
                    var message = new Message(buffer, count);
                    buffer = null!;
                    return message;
                }
            }
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses and hands the message to its event's handler; whatever goes wrong is answered with <c>error</c>.</summary>
    private async Task DispatchAsync(Message message)
    {
        string? name;
        JsonElement payload;
        try
        {
            using var json = JsonDocument.Parse(message.Bytes.AsMemory(0, message.Length));
            var root = json.RootElement;
            name = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            payload = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var m) ? m.Clone() : default;
        }
        catch (JsonException)
        {
            name = null;
            payload = default;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message.Bytes);
        }
        if (name is null)
        {
            SendError(NotAnEvent);
            return;
        }
        if (!_events.TryGet(name, out var handler))
        {
            SendError($"Unknown event '{(name.Length > 40 ? name[..40] + "…" : name)}'.");
            return;
        }
        if (handler.NeedsAuth && !IsAuthenticated)
        {
            SendError("""Send auth first: {"event": "auth", "message": "Bearer <token>"}.""");
            return;
        }
        try
        {
            await handler.HandleAsync(this, payload);
        }
        catch (ForumException ex)
        {
            SendError(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Services.Logger.LogError(ex, "The {Event} handler failed", name);
            SendError("Something went wrong on our side; try again.");
        }
    }

    /// <summary>Per-second rate limit: past it an <c>error</c> and the message is dropped, past twice it the socket is closed.</summary>
    private bool Admit()
    {
        var limit = Services.Options.MessagesPerSecond;
        var second = (int)(Environment.TickCount64 / 1000);
        if (second != _windowSecond)
        {
            _windowSecond = second;
            _windowCount = 0;
        }
        var n = ++_windowCount;
        if (n <= limit) return true;
        if (n == limit + 1) SendError($"Too many messages: at most {limit} a second. Slow down, or the connection is closed.");
        else if (n > 2 * limit) Close(WebSocketCloseStatus.PolicyViolation, "too many messages");
        return false;
    }

    /// <summary>After our close frame, reads (and ignores) until the client's close arrives or the sweeper cuts the socket.</summary>
    private async Task DrainUntilClosedAsync()
    {
        if (_ws.State is not (WebSocketState.Open or WebSocketState.CloseSent)) return;
        var scrap = ArrayPool<byte>.Shared.Rent(512);
        try
        {
            while (_ws.State is WebSocketState.Open or WebSocketState.CloseSent)
                if ((await _ws.ReceiveAsync(scrap.AsMemory(), CancellationToken.None)).MessageType == WebSocketMessageType.Close) return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scrap);
        }
    }

    private readonly record struct Message(byte[] Bytes, int Length);
}
