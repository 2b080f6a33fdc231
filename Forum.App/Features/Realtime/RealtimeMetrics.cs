using System.Diagnostics.Metrics;

namespace Forum.App.Features.Realtime;

/// <summary>The live transports as numbers (meter "Forum.Realtime"), for dotnet-counters, OpenTelemetry or a test's MeterListener.</summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "Forum.Realtime";
    private static readonly KeyValuePair<string, object?> OnSocket = new("transport", "ws");
    private static readonly KeyValuePair<string, object?> OnStream = new("transport", "sse");

    private readonly Counter<long> _sent;
    private readonly Counter<long> _heartbeatTerminations;
    private readonly Counter<long> _overflowCloses;

    public RealtimeMetrics(IMeterFactory meters, ConnectionRegistry registry)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter("forum.realtime.sockets", () => registry.Sockets, "{socket}", "Open WebSocket connections on /ws");
        meter.CreateObservableUpDownCounter("forum.realtime.streams", () => registry.Streams, "{stream}", "Open EventSource streams on /api/stream");
        _sent = meter.CreateCounter<long>("forum.realtime.events_sent", "{event}", "Frames written to sockets and streams (pings and keep-alives included)");
        _heartbeatTerminations = meter.CreateCounter<long>("forum.realtime.heartbeat_terminations", "{socket}",
            "Sockets cut because they did not answer a ping before the next one");
        _overflowCloses = meter.CreateCounter<long>("forum.realtime.overflow_closes", "{connection}",
            "Sockets and streams cut because their send queue overflowed (a client too slow to read)");
    }

    public void Sent(Transport transport, int frames = 1) => _sent.Add(frames, transport == Transport.Socket ? OnSocket : OnStream);

    public void HeartbeatTerminated() => _heartbeatTerminations.Add(1);

    public void Overflowed(Transport transport) => _overflowCloses.Add(1, transport == Transport.Socket ? OnSocket : OnStream);
}

public enum Transport
{
    Socket,
    Stream,
}
