using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Forum.Data.Realtime;

/// <summary>
/// The single-node bus. Publishing only queues: each subscription has its own ordered queue, drained on the thread
/// pool, so a writer never waits for a circuit's render or a socket's send, and one slow subscriber delays only itself.
/// </summary>
public sealed class InProcessNotificationBus(ILogger<InProcessNotificationBus> logger) : INotificationBus
{
    /// <summary>Events a subscription may have waiting; past this it is told <see cref="EventsMissed"/> instead.</summary>
    public const int QueueCapacity = 1024;

    private readonly ILogger _logger = logger;
    private readonly Dictionary<string, ImmutableArray<Subscription>> _topics = [];
    private readonly Lock _lock = new();

    public IDisposable Subscribe(string topic, Func<BusEvent, Task> handler, Func<BusEvent, bool>? wants = null)
    {
        var subscription = new Subscription(this, topic, handler, wants);
        lock (_lock) _topics[topic] = _topics.TryGetValue(topic, out var list) ? list.Add(subscription) : [subscription];
        return subscription;
    }

    public Task PublishAsync(string topic, BusEvent busEvent)
    {
        ImmutableArray<Subscription> targets;
        lock (_lock)
            if (!_topics.TryGetValue(topic, out targets)) return Task.CompletedTask;
        foreach (var target in targets) target.Post(busEvent);
        return Task.CompletedTask;
    }

    /// <summary>Tells every subscriber that it may have missed events (the bus between nodes came back, say).</summary>
    public void PublishMissedToAll()
    {
        List<Subscription> all;
        lock (_lock) all = [.. _topics.Values.SelectMany(s => s)];
        foreach (var subscription in all) subscription.Post(EventsMissed.Instance);
    }

    public int SubscriberCount(string topic)
    {
        lock (_lock) return _topics.TryGetValue(topic, out var list) ? list.Length : 0;
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            if (!_topics.TryGetValue(subscription.Topic, out var list)) return;
            list = list.Remove(subscription);
            if (list.IsEmpty) _topics.Remove(subscription.Topic);
            else _topics[subscription.Topic] = list;
        }
    }

    private sealed class Subscription(InProcessNotificationBus bus, string topic, Func<BusEvent, Task> handler, Func<BusEvent, bool>? wants) : IDisposable
    {
        private readonly Queue<BusEvent> _pending = new();
        private bool _draining;
        private bool _disposed;

        public string Topic { get; } = topic;

        public void Post(BusEvent busEvent)
        {
            if (wants is not null && busEvent is not EventsMissed && !wants(busEvent)) return;
            lock (_pending)
            {
                if (_disposed) return;
                if (_pending.Count >= QueueCapacity)
                {
                    // Dropping silently would leave a stale badge; the subscriber reloads its state from the database instead.
                    _pending.Clear();
                    _pending.Enqueue(EventsMissed.Instance);
                    bus._logger.LogWarning("A subscriber of {Topic} fell {Count} events behind; it is told to resync", Topic, QueueCapacity);
                }
                _pending.Enqueue(busEvent);
                if (_draining) return;
                _draining = true;
            }
            ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.DrainAsync(), this, preferLocal: false);
        }

        private async Task DrainAsync()
        {
            while (true)
            {
                BusEvent next;
                lock (_pending)
                {
                    if (_disposed || !_pending.TryDequeue(out next!))
                    {
                        _draining = false;
                        return;
                    }
                }
                try
                {
                    await handler(next);
                }
                catch (Exception ex)
                {
                    bus._logger.LogWarning(ex, "A subscriber of {Topic} failed on {Event}", Topic, next.GetType().Name);
                }
            }
        }

        public void Dispose()
        {
            lock (_pending)
            {
                _disposed = true;
                _pending.Clear();
            }
            bus.Remove(this);
        }
    }
}
