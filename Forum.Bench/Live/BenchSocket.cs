using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Forum.Bench.Live;

/// <summary>
/// One /ws client of the load: authenticates, answers pings, and counts what it is told. A waiting measurement gets
/// the Stopwatch timestamp of the next <c>message</c> frame, taken as soon as its bytes are read.
/// </summary>
public sealed class BenchSocket(string userName, int postId)
{
    private static readonly byte[] Pong = Encoding.UTF8.GetBytes("""{"event":"heartbeat","message":"pong"}""");
    private readonly ClientWebSocket _ws = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private TaskCompletionSource<long>? _nextMessage;
    private int _notifications, _messages, _other;

    public string UserName => userName;
    public int PostId => postId;
    public int Notifications => Volatile.Read(ref _notifications);
    public int Messages => Volatile.Read(ref _messages);
    public int Other => Volatile.Read(ref _other);
    public string? Dropped { get; private set; }

    public async Task OpenAsync(Uri uri, HttpMessageInvoker invoker, string token, CancellationToken ct)
    {
        await _ws.ConnectAsync(uri, invoker, ct);
        await SendAsync(Encoding.UTF8.GetBytes($$"""{"event":"auth","message":"Bearer {{token}}"}"""), ct);
        var buffer = new byte[512];
        var answer = await _ws.ReceiveAsync(buffer, ct);
        var text = Encoding.UTF8.GetString(buffer, 0, answer.Count);
        if (!text.Contains("auth is ok")) throw new InvalidOperationException($"auth of {userName} answered {text}");
        _ = PumpAsync();
    }

    /// <summary>Call before causing the event: completes with the arrival timestamp of the next <c>message</c>.</summary>
    public Task<long> NextMessageAsync()
    {
        var next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _nextMessage, next);
        return next.Task;
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult read;
                do
                {
                    read = await _ws.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += read.Count;
                } while (!read.EndOfMessage && count < buffer.Length);
                var at = Stopwatch.GetTimestamp();
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    Dropped = $"closed {_ws.CloseStatus} {_ws.CloseStatusDescription}";
                    return;
                }
                var frame = buffer.AsSpan(0, count);
                if (frame.StartsWith("""{"event":"message","""u8))
                {
                    Interlocked.Increment(ref _messages);
                    Interlocked.Exchange(ref _nextMessage, null)?.TrySetResult(at);
                }
                else if (frame.StartsWith("""{"event":"notification","""u8)) Interlocked.Increment(ref _notifications);
                else if (frame.StartsWith("""{"event":"heartbeat","""u8)) await SendAsync(Pong, CancellationToken.None);
                else Interlocked.Increment(ref _other);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Dropped ??= ex.Message;
        }
    }

    private Task SendAsync(byte[] frame, CancellationToken ct) => SocketWrites.SendAsync(_ws, _sending, frame, ct);

    public Task CloseAsync() => SocketWrites.CloseAsync(_ws);
}
