using System.Net.WebSockets;
using System.Security.Claims;
using Forum.Data.Realtime;

namespace Forum.App.Features.Realtime.Sockets;

/// <summary>
/// One <c>/ws</c> client (PROTOCOL.md): its state, what handlers may do with it, and how it ends. What it costs while
/// idle is kept small on purpose: no timer (the sweeper pings it), no receive buffer (zero-byte reads, see
/// SocketConnection.Receive.cs), no token kept (only the member id, the stamp's fingerprint and the expiry).
/// </summary>
public sealed partial class SocketConnection : LiveConnection
{
    private WebSocket _ws = null!;
    private readonly long _openedAt = Environment.TickCount64;
    private readonly SocketEvents _events;
    private long _nextPing;
    private int _awaitingPong;
    private long _closingSince;
    private WebSocketCloseStatus _closeStatus;
    private string? _closeReason;
    private Dictionary<string, IDisposable>? _follows;
    private int _resumeRunning;

    internal SocketConnection(LiveServices services, SocketEvents events) : base(services) => _events = events;

    public override Transport Transport => Transport.Socket;

    public bool IsAuthenticated => UserId is not null;

    /// <summary>Sends <c>{"event":"error","message":reason}</c>; the connection stays open.</summary>
    public void SendError(string reason) => Send(Services.Frames.Error(reason));

    /// <summary>Takes a validated token; false when it belongs to another member than the one this socket serves.</summary>
    public bool Authenticate(ClaimsPrincipal principal)
    {
        var first = !IsAuthenticated;
        if (!SetIdentity(principal)) return false;
        if (first) Volatile.Write(ref _nextPing, Environment.TickCount64 + Services.Options.HeartbeatSeconds * 1000L);
        return true;
    }

    /// <summary>Starts the member's live events (after the <c>auth</c> answer is queued, so it comes first).</summary>
    public void StartMemberFeed() => StartFeed(resuming: false);

    public void Pong() => Volatile.Write(ref _awaitingPong, 0);

    /// <summary>Runs a resume in the background (the socket keeps reading pongs meanwhile); false when one is running.</summary>
    public bool StartResume(long afterId)
    {
        if (Interlocked.Exchange(ref _resumeRunning, 1) == 1) return false;
        _ = Task.Run(async () =>
        {
            try
            {
                await ResumeAsync(afterId);
            }
            catch (OperationCanceledException)
            {
                // The socket closed while its backlog was going out.
            }
            catch (Exception ex)
            {
                Services.Logger.LogWarning(ex, "A resume for {UserId} failed", UserId);
                SendError("The resume failed; try again.");
            }
            finally
            {
                Volatile.Write(ref _resumeRunning, 0);
            }
        });
        return true;
    }

    public enum FollowResult { Added, Already, Full }

    /// <summary>Follows a bus topic under <paramref name="key"/> (e.g. "post:5"), at most MaxSubscriptions at once.</summary>
    public FollowResult Follow(string key, string topic, Func<BusEvent, Task> handler)
    {
        lock (Gate)
        {
            if (Ended) return FollowResult.Already;
            _follows ??= [];
            if (_follows.ContainsKey(key)) return FollowResult.Already;
            if (_follows.Count >= Services.Options.MaxSubscriptions) return FollowResult.Full;
            _follows[key] = Services.Bus.Subscribe(topic, handler);
            return FollowResult.Added;
        }
    }

    public void Unfollow(string key)
    {
        IDisposable? subscription = null;
        lock (Gate)
            if (_follows?.Remove(key, out subscription) == true && _follows.Count == 0) _follows = null;
        subscription?.Dispose();
    }

    /// <summary>Sends what is queued, then a close frame; the client has CloseGraceSeconds to answer before it is cut.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.CompareExchange(ref _closingSince, Environment.TickCount64, 0) != 0) return;
        _closeStatus = status;
        _closeReason = reason;
        EndQueue();
    }

    public override void Revoke(string reason)
    {
        SendError(reason);
        Close(WebSocketCloseStatus.PolicyViolation, "token revoked");
    }

    protected override void EndGracefully() => Close(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");

    protected override void Terminate()
    {
        Interlocked.CompareExchange(ref _closingSince, Environment.TickCount64, 0);
        EndQueue();
        _ws.Abort();
    }

    internal override void Sweep(long nowMs, DateTimeOffset now)
    {
        var options = Services.Options;
        var closing = Volatile.Read(ref _closingSince);
        if (closing != 0)
        {
            if (nowMs - closing > options.CloseGraceSeconds * 1000L) Terminate();
            return;
        }
        if (!IsAuthenticated)
        {
            if (nowMs - _openedAt <= options.AuthTimeoutSeconds * 1000L) return;
            SendError($"No auth within {options.AuthTimeoutSeconds} seconds.");
            Close(WebSocketCloseStatus.PolicyViolation, "auth timeout");
            return;
        }
        if (Expired(now))
        {
            SendError("Your token expired: send auth with a fresh one before it does.");
            Close(WebSocketCloseStatus.PolicyViolation, "token expired");
            return;
        }
        if (nowMs < Volatile.Read(ref _nextPing)) return;
        if (Interlocked.Exchange(ref _awaitingPong, 1) == 1)
        {
            // No pong since the last ping: the client (or the path to it) is dead.
            Services.Metrics.HeartbeatTerminated();
            Terminate();
            return;
        }
        Volatile.Write(ref _nextPing, nowMs + options.HeartbeatSeconds * 1000L);
        Send(LiveFrames.Ping);
    }

    protected override ValueTask WriteAsync(byte[] frame, bool flush) =>
        _ws.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    protected override async ValueTask OnDrainedAsync()
    {
        if (Volatile.Read(ref _closingSince) != 0 && _ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
            await _ws.CloseOutputAsync(_closeStatus, _closeReason, CancellationToken.None);
    }

    private void Release()
    {
        StopFeed();
        Dictionary<string, IDisposable>? follows;
        lock (Gate)
        {
            follows = _follows;
            _follows = null;
        }
        foreach (var subscription in follows?.Values ?? Enumerable.Empty<IDisposable>()) subscription.Dispose();
    }
}
