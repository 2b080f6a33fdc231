using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Forum.Tests.TestSupport;

/// <summary>
/// A /ws client as a script would write one: ClientWebSocket, JSON frames. A pump reads in the background (answering
/// the server's pings unless told not to), so a test can wait for the next frame, or for nothing, without aborting the
/// socket the way a cancelled ReceiveAsync would.
/// </summary>
public sealed class LiveSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _ws = new();
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private int _pings;

    /// <summary>Whether the pump answers "ping" with "pong" (a client that never does is terminated).</summary>
    public bool AnswerPings { get; set; } = true;

    public int Pings => Volatile.Read(ref _pings);

    public WebSocketState State => _ws.State;

    public string? CloseDescription => _ws.CloseStatusDescription;

    public static async Task<LiveSocket> ConnectAsync(string baseUrl)
    {
        var socket = new LiveSocket();
        await socket._ws.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://") + "/ws"), Ct);
        _ = socket.PumpAsync();
        return socket;
    }

    public Task SendAsync(string name, object? message) =>
        SendRawAsync(JsonSerializer.Serialize(new { @event = name, message }));

    public Task SendRawAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type)
    {
        await _sending.WaitAsync(Ct);
        try
        {
            await _ws.SendAsync(bytes, type, endOfMessage: true, Ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async Task AuthAsync(string token)
    {
        await SendAsync("auth", $"Bearer {token}");
        Assert.Equal(("auth", "auth is ok"), Describe(await NextAsync()));
    }

    /// <summary>
    /// A round trip: messages are handled in order, so once the answer to an unknown event is back, everything sent
    /// before it (a subscribe, say) has been handled.
    /// </summary>
    public async Task SyncAsync()
    {
        await SendAsync("sync", null);
        Assert.Equal("Unknown event 'sync'.", (await NextAsync("error")).GetString());
    }

    /// <summary>The next frame (pings aside); fails after <paramref name="timeoutMs"/> or when the socket closed first.</summary>
    public async Task<JsonElement> NextAsync(int timeoutMs = 10_000)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(timeoutMs);
        try
        {
            if (await _frames.Reader.WaitToReadAsync(timeout.Token) && _frames.Reader.TryRead(out var frame)) return frame;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"No frame within {timeoutMs} ms");
        }
        Assert.Fail($"The socket closed ({_ws.CloseStatus}) before another frame came");
        return default;
    }

    /// <summary>The next frame, which must be <paramref name="name"/>; returns its message.</summary>
    public async Task<JsonElement> NextAsync(string name, int timeoutMs = 10_000)
    {
        var frame = await NextAsync(timeoutMs);
        Assert.True(frame.GetProperty("event").GetString() == name, $"Expected {name}, got {frame}");
        return frame.GetProperty("message");
    }

    /// <summary>Asserts no frame arrives for <paramref name="ms"/> (the socket may stay open).</summary>
    public async Task ExpectQuietAsync(int ms = 300)
    {
        await Task.Delay(ms, Ct);
        Assert.False(_frames.Reader.TryPeek(out var extra), $"Unexpected frame: {extra}");
    }

    /// <summary>How the socket ended: the close status the server sent, or null when it was cut without a close frame.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync(int timeoutMs = 10_000) =>
        await _closed.Task.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs), Ct);

    public static (string? Event, string? Message) Describe(JsonElement frame) =>
        (frame.GetProperty("event").GetString(), frame.GetProperty("message").ValueKind == JsonValueKind.String
            ? frame.GetProperty("message").GetString() : frame.GetProperty("message").GetRawText());

    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult read;
                do
                {
                    read = await _ws.ReceiveAsync(buffer, CancellationToken.None);
                    if (read.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult(_ws.CloseStatus);
                        await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        return;
                    }
                    message.Write(buffer, 0, read.Count);
                } while (!read.EndOfMessage);
                var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                if (frame.GetProperty("event").GetString() == "heartbeat")
                {
                    Interlocked.Increment(ref _pings);
                    if (AnswerPings) await SendAsync("heartbeat", "pong");
                    continue;
                }
                _frames.Writer.TryWrite(frame);
            }
        }
        catch (Exception)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_ws.State == WebSocketState.Open)
        {
            try
            {
                await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                await _closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // Already gone: nothing to close.
            }
        }
        _ws.Dispose();
    }
}
