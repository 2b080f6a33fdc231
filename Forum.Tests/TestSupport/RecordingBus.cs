using Forum.Data.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.Tests.TestSupport;

/// <summary>The real in-process bus, plus a log of everything published to it (in publish order).</summary>
public sealed class RecordingBus : INotificationBus
{
    private readonly InProcessNotificationBus _inner = new(NullLogger<InProcessNotificationBus>.Instance);
    private readonly Lock _lock = new();
    private readonly List<(string Topic, BusEvent Event)> _published = [];

    public IReadOnlyList<(string Topic, BusEvent Event)> Published
    {
        get { lock (_lock) return [.. _published]; }
    }

    public IReadOnlyList<T> EventsOn<T>(string topic) where T : BusEvent =>
        [.. Published.Where(p => p.Topic == topic).Select(p => p.Event).OfType<T>()];

    public IDisposable Subscribe(string topic, Func<BusEvent, Task> handler, Func<BusEvent, bool>? wants = null) => _inner.Subscribe(topic, handler, wants);

    /// <summary>What the bus says of the nodes' link (a test cuts it to see who reads the database instead).</summary>
    public bool Connected { get; set; } = true;

    public Task PublishAsync(string topic, BusEvent busEvent)
    {
        lock (_lock) _published.Add((topic, busEvent));
        return _inner.PublishAsync(topic, busEvent);
    }
}
