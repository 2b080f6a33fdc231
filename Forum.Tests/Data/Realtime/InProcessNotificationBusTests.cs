using Forum.Data.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.Tests.Data.Realtime;

public sealed class InProcessNotificationBusTests
{
    private readonly InProcessNotificationBus _bus = new(NullLogger<InProcessNotificationBus>.Instance);
    private readonly UnreadChanged _event = new("alice", 3, 7);

    [Fact]
    public async Task PublishAsync_TwoSubscribers_BothReceiveTheEvent()
    {
        var first = new List<BusEvent>();
        var second = new List<BusEvent>();
        using var a = _bus.Subscribe("user:alice", Record(first));
        using var b = _bus.Subscribe("user:alice", Record(second));

        await _bus.PublishAsync("user:alice", _event);

        Assert.Equal([_event], first);
        Assert.Equal([_event], second);
    }

    [Fact]
    public async Task PublishAsync_OtherTopic_IsNotDelivered()
    {
        var received = new List<BusEvent>();
        using var _ = _bus.Subscribe("user:bob", Record(received));

        await _bus.PublishAsync("user:alice", _event);

        Assert.Empty(received);
    }

    [Fact]
    public async Task PublishAsync_SubscriberThrowsSynchronously_OthersStillReceive()
    {
        var received = new List<BusEvent>();
        using var broken = _bus.Subscribe("user:alice", _ => throw new InvalidOperationException("boom"));
        using var working = _bus.Subscribe("user:alice", Record(received));

        await _bus.PublishAsync("user:alice", _event);

        Assert.Equal([_event], received);
    }

    [Fact]
    public async Task PublishAsync_SubscriberFailsAsynchronously_OthersStillReceiveAndPublishCompletes()
    {
        var received = new List<BusEvent>();
        using var broken = _bus.Subscribe("user:alice", async _ =>
        {
            await Task.Yield();
            throw new ObjectDisposedException("circuit");
        });
        using var working = _bus.Subscribe("user:alice", Record(received));

        await _bus.PublishAsync("user:alice", _event);

        Assert.Equal([_event], received);
    }

    [Fact]
    public async Task Subscribe_Disposed_ReceivesNothingMore()
    {
        var gone = new List<BusEvent>();
        var staying = new List<BusEvent>();
        var subscription = _bus.Subscribe("user:alice", Record(gone));
        using var other = _bus.Subscribe("user:alice", Record(staying));
        await _bus.PublishAsync("user:alice", _event);

        subscription.Dispose();
        await _bus.PublishAsync("user:alice", _event with { Count = 4, Version = 8 });

        Assert.Equal([_event], gone);
        Assert.Equal(2, staying.Count);
        Assert.Equal(1, _bus.SubscriberCount("user:alice"));
    }

    [Fact]
    public async Task Subscribe_LastOneDisposedTwice_TopicIsEmptyAndPublishIsHarmless()
    {
        var received = new List<BusEvent>();
        var subscription = _bus.Subscribe("user:alice", Record(received));

        subscription.Dispose();
        subscription.Dispose();
        await _bus.PublishAsync("user:alice", _event);

        Assert.Empty(received);
        Assert.Equal(0, _bus.SubscriberCount("user:alice"));
    }

    [Fact]
    public async Task Subscribe_DisposedWhilePublishing_OtherSubscribersUnaffected()
    {
        var received = new List<BusEvent>();
        IDisposable? self = null;
        self = _bus.Subscribe("user:alice", _ => { self!.Dispose(); return Task.CompletedTask; });
        using var other = _bus.Subscribe("user:alice", Record(received));

        await _bus.PublishAsync("user:alice", _event);
        await _bus.PublishAsync("user:alice", _event);

        Assert.Equal(2, received.Count);
        Assert.Equal(1, _bus.SubscriberCount("user:alice"));
    }

    private static Func<BusEvent, Task> Record(List<BusEvent> into) => e =>
    {
        lock (into) into.Add(e);
        return Task.CompletedTask;
    };
}
