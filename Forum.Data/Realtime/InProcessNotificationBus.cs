using Microsoft.Extensions.Logging;

namespace Forum.Data.Realtime;

/// <summary>The single-node bus: a topic → subscribers registry guarded by a brief lock.</summary>
public sealed class InProcessNotificationBus(ILogger<InProcessNotificationBus> logger) : INotificationBus
{
    private readonly Dictionary<string, List<Subscription>> _topics = [];
    private readonly Lock _lock = new();

    public IDisposable Subscribe(string topic, Func<BusEvent, Task> handler)
    {
        var subscription = new Subscription(this, topic, handler);
        lock (_lock)
        {
            if (!_topics.TryGetValue(topic, out var list)) _topics[topic] = list = [];
            list.Add(subscription);
        }
        return subscription;
    }

    public Task PublishAsync(string topic, BusEvent busEvent)
    {
        Subscription[] targets;
        lock (_lock)
        {
            if (!_topics.TryGetValue(topic, out var list)) return Task.CompletedTask;
            targets = [.. list];
        }
        return Task.WhenAll(targets.Select(s => DeliverAsync(s, busEvent)));
    }

    public int SubscriberCount(string topic)
    {
        lock (_lock) return _topics.TryGetValue(topic, out var list) ? list.Count : 0;
    }

    private async Task DeliverAsync(Subscription subscription, BusEvent busEvent)
    {
        try
        {
            await subscription.Handler(busEvent);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber of {Topic} failed on {Event}", subscription.Topic, busEvent.GetType().Name);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            if (!_topics.TryGetValue(subscription.Topic, out var list)) return;
            list.Remove(subscription);
            if (list.Count == 0) _topics.Remove(subscription.Topic);
        }
    }

    private sealed class Subscription(InProcessNotificationBus bus, string topic, Func<BusEvent, Task> handler) : IDisposable
    {
        public string Topic { get; } = topic;
        public Func<BusEvent, Task> Handler { get; } = handler;
        public void Dispose() => bus.Remove(this);
    }
}
