using System.Security.Claims;
using System.Threading.Channels;
using Forum.App.Features.Api.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Forum.App.Features.Realtime;

/// <summary>
/// One open socket or stream: whose it is, and a bounded queue of frames drained by one writer loop. Senders never wait:
/// a frame that does not fit means the client cannot keep up, and the connection is cut (its queue is the only place a
/// slow client can hold memory). The member's feed (notifications, count, resume) is in LiveConnection.Feed.cs.
/// </summary>
public abstract partial class LiveConnection
{
    private readonly Channel<Outgoing> _queue;
    private int _ended;
    private long _expiresAtTicks;

    protected LiveConnection(LiveServices services)
    {
        Services = services;
        _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(services.Options.SendQueueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public abstract Transport Transport { get; }

    /// <summary>The member, once the token said so; null on a socket that has not authenticated yet.</summary>
    public string? UserId { get; private set; }

    /// <summary>The token's fingerprint of the account's security stamp, compared with the account's on every re-check.</summary>
    internal string? Stamp { get; private set; }

    /// <summary>Where <see cref="ConnectionRegistry"/> keeps this connection; -1 when not registered.</summary>
    internal int Slot { get; set; } = -1;

    protected LiveServices Services { get; }

    protected Lock Gate { get; } = new();

    /// <summary>Takes the member, stamp and expiry of a validated token; false when it names another member.</summary>
    protected bool SetIdentity(ClaimsPrincipal principal)
    {
        var userId = TokenClaims.UserIdOf(principal);
        if (userId is null || UserId is not null && UserId != userId) return false;
        var expires = long.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Exp), out var exp) ? exp : 0;
        // The token stays valid for the clock skew past its expiry (TokenValidation's rule); so does the connection.
        Volatile.Write(ref _expiresAtTicks, (DateTimeOffset.FromUnixTimeSeconds(expires) + Services.ClockSkew).UtcTicks);
        Stamp = principal.FindFirstValue(TokenClaims.Stamp);
        UserId = userId;
        return true;
    }

    protected bool Expired(DateTimeOffset now) => UserId is not null && now.UtcTicks > Volatile.Read(ref _expiresAtTicks);

    protected bool Ended => Volatile.Read(ref _ended) != 0;

    /// <summary>Queues a frame without waiting. False when it was dropped: the connection is ending, or it just overflowed and was cut.</summary>
    public bool Send(byte[] frame)
    {
        if (_queue.Writer.TryWrite(new Outgoing(frame, null))) return true;
        Overflowed();
        return false;
    }

    /// <summary>Queues several frames as one slot and waits until they were written: a backlog goes out at the client's pace.</summary>
    protected async Task SendBatchAsync(List<byte[]> frames)
    {
        var batch = new FrameBatch(frames);
        if (!_queue.Writer.TryWrite(new Outgoing(null, batch)))
        {
            Overflowed();
            throw new OperationCanceledException("The connection is closing.");
        }
        await batch.Sent.Task;
    }

    private void Overflowed()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        Services.Metrics.Overflowed(Transport);
        Services.Logger.LogInformation("A {Transport} of {UserId} fell {Size} frames behind and was cut", Transport, UserId, Services.Options.SendQueueSize);
        // Not inline: the sender may hold this connection's lock, and cutting runs the connection's own clean-up.
        ThreadPool.UnsafeQueueUserWorkItem(static c => c.Terminate(), this, preferLocal: false);
    }

    /// <summary>No more frames: the writer sends what is queued, then finishes (<see cref="OnDrainedAsync"/>).</summary>
    protected void EndQueue()
    {
        Interlocked.Exchange(ref _ended, 1);
        _queue.Writer.TryComplete();
    }

    /// <summary>Cuts the connection at once, without sending what is queued.</summary>
    protected abstract void Terminate();

    /// <summary>The token no longer holds (revoked or expired): the connection ends.</summary>
    public abstract void Revoke(string reason);

    /// <summary>The app is stopping: end politely, or (<paramref name="now"/>) cut at once.</summary>
    internal void Shutdown(bool now)
    {
        if (now) Terminate();
        else EndGracefully();
    }

    /// <summary>Sends what is queued, then ends (a socket with a 1001 close frame).</summary>
    protected abstract void EndGracefully();

    /// <summary>Called by the shared sweeper about once a second: timeouts, heartbeats, keep-alives, expiry.</summary>
    internal abstract void Sweep(long nowMs, DateTimeOffset now);

    protected abstract ValueTask WriteAsync(byte[] frame, bool flush);

    protected virtual ValueTask OnDrainedAsync() => ValueTask.CompletedTask;

    /// <summary>The one writer: drains the queue until it is completed or the connection fails.</summary>
    protected async Task RunWriterAsync(CancellationToken ct)
    {
        var reader = _queue.Reader;
        FrameBatch? current = null;
        try
        {
            while (await reader.WaitToReadAsync(ct))
                while (reader.TryRead(out var item))
                {
                    if (item.Frame is { } frame)
                    {
                        await WriteAsync(frame, flush: true);
                        Services.Metrics.Sent(Transport);
                        continue;
                    }
                    current = item.Batch!;
                    for (var i = 0; i < current.Frames.Count; i++) await WriteAsync(current.Frames[i], flush: i == current.Frames.Count - 1);
                    Services.Metrics.Sent(Transport, current.Frames.Count);
                    current.Sent.TrySetResult();
                    current = null;
                }
            await OnDrainedAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException or ObjectDisposedException
                                       or InvalidOperationException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // The peer went away or the connection was cut: nothing to tell anyone.
            Interlocked.Exchange(ref _ended, 1);
            Terminate();
        }
        finally
        {
            current?.Sent.TrySetCanceled();
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var left)) left.Batch?.Sent.TrySetCanceled();
        }
    }

    private readonly record struct Outgoing(byte[]? Frame, FrameBatch? Batch);

    private sealed class FrameBatch(List<byte[]> frames)
    {
        public List<byte[]> Frames { get; } = frames;
        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
