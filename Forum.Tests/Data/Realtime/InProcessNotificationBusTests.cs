using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
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

        await Eventually.TrueAsync(() => Count(first) == 1 && Count(second) == 1, "both subscribers told");
        Assert.Equal([_event], first);
        Assert.Equal([_event], second);
    }

    [Fact]
    public async Task PublishAsync_OtherTopic_IsNotDelivered()
    {
        var received = new List<BusEvent>();
        using var _ = _bus.Subscribe("user:bob", Record(received));

        await _bus.PublishAsync("user:alice", _event);

        await Eventually.QuietAsync();
        Assert.Empty(received);
    }

    [Fact]
    public async Task PublishAsync_SlowSubscriber_PublisherAndOthersDoNotWait()
    {
        var release = new TaskCompletionSource();
        var fast = new List<BusEvent>();
        using var slow = _bus.Subscribe("post:1", _ => release.Task);
        using var quick = _bus.Subscribe("post:1", Record(fast));

        var publish = _bus.PublishAsync("post:1", _event);

        Assert.True(publish.IsCompleted, "the writer returns while a subscriber is still busy");
        await Eventually.TrueAsync(() => Count(fast) == 1, "the quick subscriber is told while the slow one hangs");
        release.SetResult();
    }

    [Fact]
    public async Task PublishAsync_ManyEvents_EachSubscriberGetsThemInOrderOneAtATime()
    {
        var received = new List<BusEvent>();
        var running = 0;
        var overlapped = false;
        using var _ = _bus.Subscribe("user:alice", async e =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Yield();
            lock (received) received.Add(e);
            Interlocked.Decrement(ref running);
        });

        for (var v = 1; v <= 200; v++) await _bus.PublishAsync("user:alice", new UnreadChanged("alice", v, v));

        await Eventually.TrueAsync(() => Count(received) == 200, "all 200 delivered");
        Assert.Equal(Enumerable.Range(1, 200), received.Cast<UnreadChanged>().Select(e => (int)e.Version));
        Assert.False(overlapped);
    }

    [Fact]
    public async Task PublishAsync_SubscriberFarBehind_IsToldItMissedEventsInsteadOfGrowingForever()
    {
        var release = new TaskCompletionSource();
        var received = new List<BusEvent>();
        using var _ = _bus.Subscribe("user:alice", async e =>
        {
            await release.Task;
            lock (received) received.Add(e);
        });

        for (var v = 1; v <= InProcessNotificationBus.QueueCapacity + 10; v++)
            await _bus.PublishAsync("user:alice", new UnreadChanged("alice", v, v));
        release.SetResult();

        await Eventually.TrueAsync(() => received.Contains(EventsMissed.Instance), "the resync marker");
        await Eventually.TrueAsync(() => received.Count < InProcessNotificationBus.QueueCapacity
            && received[^1] is UnreadChanged { Version: InProcessNotificationBus.QueueCapacity + 10 }, "the newest event after the marker");
    }

    [Fact]
    public async Task PublishAsync_SubscriberThrowsSynchronously_OthersStillReceiveAndItKeepsItsSubscription()
    {
        var received = new List<BusEvent>();
        var calls = 0;
        using var broken = _bus.Subscribe("user:alice", _ => { Interlocked.Increment(ref calls); throw new InvalidOperationException("boom"); });
        using var working = _bus.Subscribe("user:alice", Record(received));

        await _bus.PublishAsync("user:alice", _event);
        await _bus.PublishAsync("user:alice", _event);

        await Eventually.TrueAsync(() => Count(received) == 2 && Volatile.Read(ref calls) == 2, "both told twice");
    }

    [Fact]
    public async Task PublishAsync_SubscriberFailsAsynchronously_OthersStillReceive()
    {
        var received = new List<BusEvent>();
        using var broken = _bus.Subscribe("user:alice", async _ =>
        {
            await Task.Yield();
            throw new ObjectDisposedException("circuit");
        });
        using var working = _bus.Subscribe("user:alice", Record(received));

        await _bus.PublishAsync("user:alice", _event);

        await Eventually.TrueAsync(() => Count(received) == 1, "the working subscriber told");
    }

    [Fact]
    public async Task Subscribe_Disposed_ReceivesNothingMore()
    {
        var gone = new List<BusEvent>();
        var staying = new List<BusEvent>();
        var subscription = _bus.Subscribe("user:alice", Record(gone));
        using var other = _bus.Subscribe("user:alice", Record(staying));
        await _bus.PublishAsync("user:alice", _event);
        await Eventually.TrueAsync(() => Count(gone) == 1, "first event");

        subscription.Dispose();
        await _bus.PublishAsync("user:alice", _event with { Count = 4, Version = 8 });

        await Eventually.TrueAsync(() => Count(staying) == 2, "the other subscriber's second event");
        Assert.Equal([_event], gone);
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

        await Eventually.QuietAsync();
        Assert.Empty(received);
        Assert.Equal(0, _bus.SubscriberCount("user:alice"));
    }

    [Fact]
    public async Task Subscribe_DisposedWhileHandling_OtherSubscribersUnaffected()
    {
        var received = new List<BusEvent>();
        IDisposable? self = null;
        self = _bus.Subscribe("user:alice", _ => { self!.Dispose(); return Task.CompletedTask; });
        using var other = _bus.Subscribe("user:alice", Record(received));

        await _bus.PublishAsync("user:alice", _event);
        await Eventually.TrueAsync(() => _bus.SubscriberCount("user:alice") == 1, "self-removal");
        await _bus.PublishAsync("user:alice", _event);

        await Eventually.TrueAsync(() => Count(received) == 2, "the other subscriber told twice");
    }

    [Fact]
    public async Task PublishMissedToAll_EverySubscriberOfEveryTopicIsTold()
    {
        var alice = new List<BusEvent>();
        var post = new List<BusEvent>();
        using var a = _bus.Subscribe("user:alice", Record(alice));
        using var p = _bus.Subscribe("post:1", Record(post));

        _bus.PublishMissedToAll();

        await Eventually.TrueAsync(() => Count(alice) == 1 && Count(post) == 1, "both told");
        Assert.Same(EventsMissed.Instance, alice[0]);
    }

    [Fact]
    public async Task Subscribe_WithWants_GetsOnlyWhatItWantsInOrder_AndAlwaysEventsMissed()
    {
        var badge = new List<BusEvent>();
        var everything = new List<BusEvent>();
        using var b = _bus.Subscribe("user:alice", Record(badge), wants: e => e is UnreadChanged);
        using var a = _bus.Subscribe("user:alice", Record(everything));
        var signedOut = new SignedOut("alice", null);

        await _bus.PublishAsync("user:alice", signedOut);
        await _bus.PublishAsync("user:alice", _event);
        _bus.PublishMissedToAll();
        await _bus.PublishAsync("user:alice", _event with { Version = 8 });

        await Eventually.TrueAsync(() => Count(badge) == 3 && Count(everything) == 4, "both subscribers told");
        Assert.Equal([_event, EventsMissed.Instance, _event with { Version = 8 }], badge);
        Assert.Equal([signedOut, _event, EventsMissed.Instance, _event with { Version = 8 }], everything);
    }

    private static int Count(List<BusEvent> list)
    {
        lock (list) return list.Count;
    }

    private static Func<BusEvent, Task> Record(List<BusEvent> into) => e =>
    {
        lock (into) into.Add(e);
        return Task.CompletedTask;
    };
}
