using Forum.Bench.Live;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Forum.Bench.Chat;

/// <summary>
/// The messages a round waits for, those with an id above <paramref name="afterId"/> (the last one an earlier round sent,
/// so a straggler of a round that timed out is not counted here): every subscriber's socket reports the Stopwatch
/// timestamp at which it read each; the round is done when <paramref name="expected"/> arrivals are in.
/// </summary>
public sealed class ChatRound(long expected, long afterId)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _arrived, _first = long.MaxValue, _last;

    public long Expected => expected;
    public long Arrived => Interlocked.Read(ref _arrived);
    public long First => Interlocked.Read(ref _first);
    public long Last => Interlocked.Read(ref _last);
    public Task Done => _done.Task;

    public void Arrive(long id, long at)
    {
        if (id <= afterId) return;
        for (var seen = Interlocked.Read(ref _first); at < seen; seen = Interlocked.Read(ref _first))
            if (Interlocked.CompareExchange(ref _first, at, seen) == seen) break;
        for (var seen = Interlocked.Read(ref _last); at > seen; seen = Interlocked.Read(ref _last))
            if (Interlocked.CompareExchange(ref _last, at, seen) == seen) break;
        if (Interlocked.Increment(ref _arrived) == expected) _done.TrySetResult();
    }
}

/// <summary>
/// One subscriber of the room: a /ws client that authenticates, joins the room, answers pings, and reports each
/// <c>chat</c> frame to the current round as soon as its first bytes are read (before the rest of the frame is parsed).
/// </summary>
public sealed class RoomSocket(string userName)
{
    private static readonly byte[] Pong = Encoding.UTF8.GetBytes("""{"event":"heartbeat","message":"pong"}""");
    private static readonly byte[] ChatPrefix = Encoding.UTF8.GetBytes("""{"event":"chat","message":{"id":""");
    private readonly ClientWebSocket _ws = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _history = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _chats;

    public static ChatRound? Round;

    /// <summary>The highest message id any subscriber has read: a new round counts only ids above it.</summary>
    public static long MaxSeenId;

    public string UserName => userName;
    public int Chats => Volatile.Read(ref _chats);
    public string? Dropped { get; private set; }

    public async Task OpenAsync(Uri uri, HttpMessageInvoker invoker, string token, string room, CancellationToken ct)
    {
        await _ws.ConnectAsync(uri, invoker, ct);
        await SendAsync(Encoding.UTF8.GetBytes($$"""{"event":"auth","message":"Bearer {{token}}"}"""), ct);
        var buffer = new byte[512];
        var answer = await _ws.ReceiveAsync(buffer, ct);
        var text = Encoding.UTF8.GetString(buffer, 0, answer.Count);
        if (!text.Contains("auth is ok")) throw new InvalidOperationException($"auth of {userName} answered {text}");
        _ = PumpAsync();
        await SendAsync(Encoding.UTF8.GetBytes($$"""{"event":"join","message":"{{room}}"}"""), ct);
        await _history.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    private async Task PumpAsync()
    {
        // Small: 5,000 sockets hold one each; a longer frame (a history) is read on in the loop below.
        var buffer = new byte[4 * 1024];
        try
        {
            while (true)
            {
                var read = await _ws.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                var at = Stopwatch.GetTimestamp();
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    Dropped = $"closed {_ws.CloseStatus} {_ws.CloseStatusDescription}";
                    return;
                }
                var frame = buffer.AsSpan(0, read.Count);
                if (frame.StartsWith(ChatPrefix))
                {
                    Interlocked.Increment(ref _chats);
                    if (Utf8Parser.TryParse(frame[ChatPrefix.Length..], out long id, out _))
                    {
                        for (var seen = Interlocked.Read(ref MaxSeenId); id > seen; seen = Interlocked.Read(ref MaxSeenId))
                            if (Interlocked.CompareExchange(ref MaxSeenId, id, seen) == seen) break;
                        Volatile.Read(ref Round)?.Arrive(id, at);
                    }
                }
                else if (frame.StartsWith("""{"event":"history","""u8)) _history.TrySetResult();
                else if (frame.StartsWith("""{"event":"heartbeat","""u8)) await SendAsync(Pong, CancellationToken.None);
                // The rest of a frame larger than the buffer (a long history): read and dropped.
                while (!read.EndOfMessage) read = await _ws.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
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
