using Forum.Bench.Live;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Forum.Bench.Chat;

/// <summary>How the bench's sender member writes to the room: a /ws <c>chat</c> event, or the REST POST.</summary>
public interface IChatSender
{
    string Via { get; }

    /// <summary>Sends one message; returns how long the call took when the sender waits for an answer (the POST), else null.</summary>
    Task<double?> SendAsync(string room, string text, CancellationToken ct);
}

/// <summary><c>POST /api/chat/rooms/{room}/messages</c>: the answer comes after the commit and the publish.</summary>
public sealed class RestSender(HttpClient http) : IChatSender
{
    public string Via => "POST";

    public async Task<double?> SendAsync(string room, string text, CancellationToken ct)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { text, requestId = Guid.NewGuid() }, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST chat: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}

/// <summary>A /ws client of the sender member, not in the room: <c>chat</c> events out, pings answered, errors fail the run.</summary>
public sealed class SocketSender : IChatSender, IAsyncDisposable
{
    private readonly ClientWebSocket _ws = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private string? _error;

    public string Via => "/ws chat";

    public static async Task<SocketSender> OpenAsync(Uri uri, HttpMessageInvoker invoker, string token, CancellationToken ct)
    {
        var sender = new SocketSender();
        await sender._ws.ConnectAsync(uri, invoker, ct);
        await sender.SendFrameAsync(JsonSerializer.SerializeToUtf8Bytes(new { @event = "auth", message = $"Bearer {token}" }), ct);
        _ = sender.PumpAsync();
        return sender;
    }

    public async Task<double?> SendAsync(string room, string text, CancellationToken ct)
    {
        if (_error is { } error) throw new InvalidOperationException($"The sender's socket: {error}");
        await SendFrameAsync(JsonSerializer.SerializeToUtf8Bytes(new { @event = "chat", message = new { room, text, requestId = Guid.NewGuid() } }), ct);
        return null;
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await _ws.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (read.MessageType == WebSocketMessageType.Close) { _error ??= $"closed {_ws.CloseStatus} {_ws.CloseStatusDescription}"; return; }
                var frame = Encoding.UTF8.GetString(buffer, 0, read.Count);
                if (frame.StartsWith("""{"event":"heartbeat","""))
                    await SendFrameAsync("""{"event":"heartbeat","message":"pong"}"""u8.ToArray(), CancellationToken.None);
                else if (frame.StartsWith("""{"event":"error",""") || frame.StartsWith("""{"event":"noauth","""))
                    _error ??= frame;
                while (!read.EndOfMessage) read = await _ws.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            _error ??= ex.Message;
        }
    }

    private Task SendFrameAsync(byte[] frame, CancellationToken ct) => SocketWrites.SendAsync(_ws, _sending, frame, ct);

    public ValueTask DisposeAsync() => new(SocketWrites.CloseAsync(_ws));
}
