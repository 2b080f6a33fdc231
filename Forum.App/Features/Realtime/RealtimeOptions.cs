using System.ComponentModel.DataAnnotations;

namespace Forum.App.Features.Realtime;

/// <summary>Bound from "Forum:Realtime": the limits and clocks of /ws and /api/stream (PROTOCOL.md).</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Forum:Realtime";

    /// <summary>A socket is pinged this often; one that has not answered the previous ping by then is terminated.</summary>
    [Range(1, 3600)] public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>A socket that has not sent a good <c>auth</c> this long after connecting is closed (1008).</summary>
    [Range(1, 600)] public int AuthTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// How often the accounts behind open sockets and streams are checked against the database, in one query for all:
    /// a password change publishes no event, so this bounds how long a revoked token keeps a connection.
    /// </summary>
    [Range(1, 3600)] public int RecheckSeconds { get; set; } = 10;

    /// <summary>A <c>:</c> comment line goes down every stream this often, so proxies do not close it as idle.</summary>
    [Range(1, 3600)] public int StreamKeepAliveSeconds { get; set; } = 15;

    /// <summary>Frames a connection may have waiting to be sent; a connection that falls further behind is closed.</summary>
    [Range(4, 4096)] public int SendQueueSize { get; set; } = 64;

    /// <summary>The largest message a client may send; a larger one closes the socket (1009).</summary>
    [Range(1024, 1 << 20)] public int MaxMessageBytes { get; set; } = 16 * 1024;

    /// <summary>Messages a socket may send per second; past it they get an <c>error</c>, past twice it the socket is closed (1008).</summary>
    [Range(1, 10_000)] public int MessagesPerSecond { get; set; } = 20;

    /// <summary>Posts one socket may follow at once.</summary>
    [Range(1, 10_000)] public int MaxSubscriptions { get; set; } = 50;

    /// <summary>How long a socket may take to answer our close frame before it is cut.</summary>
    [Range(1, 60)] public int CloseGraceSeconds { get; set; } = 5;
}
