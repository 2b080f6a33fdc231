using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime.Redis;

/// <summary>The bus between nodes on a real redis-server: delivery across nodes, once each, in order, and an outage.</summary>
public sealed class RedisBusTests(RedisServer server) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Publish_OnOneNode_ReachesEveryNodeOnce()
    {
        await using var nodes = new RedisNodes(server);
        var a = await nodes.BusAsync();
        var b = await nodes.BusAsync();
        var onA = new Received();
        var onB = new Received();
        using var _ = onA.Follow(a, Topics.User("u1"));
        using var __ = onB.Follow(b, Topics.User("u1"));

        await a.PublishAsync(Topics.User("u1"), new UnreadChanged("u1", 3, 7));

        await Eventually.TrueAsync(() => onB.Count<UnreadChanged>() == 1, "node B gets the event");
        await Eventually.QuietAsync(200);
        Assert.Equal([new UnreadChanged("u1", 3, 7)], onA.Events.OfType<UnreadChanged>());
        Assert.Equal([new UnreadChanged("u1", 3, 7)], onB.Events.OfType<UnreadChanged>());
    }

    [Fact]
    public async Task Publish_OtherTopic_DoesNotReachSubscriber()
    {
        await using var nodes = new RedisNodes(server);
        var a = await nodes.BusAsync();
        var b = await nodes.BusAsync();
        var onB = new Received();
        using var _ = onB.Follow(b, Topics.User("u1"));

        await a.PublishAsync(Topics.User("u2"), new UnreadChanged("u2", 1, 1));
        await a.PublishAsync(Topics.User("u1"), new UnreadChanged("u1", 2, 2));

        await Eventually.TrueAsync(() => onB.Count<UnreadChanged>() == 1, "node B gets u1's event");
        Assert.Equal("u1", Assert.IsType<UnreadChanged>(Assert.Single(onB.Events, e => e is UnreadChanged)).UserId);
    }

    [Fact]
    public async Task Publish_ManyOnOneTopic_ArriveInOrderOnTheOtherNode()
    {
        await using var nodes = new RedisNodes(server);
        var a = await nodes.BusAsync();
        var b = await nodes.BusAsync();
        var onB = new Received();
        using var _ = onB.Follow(b, Topics.Post(5));

        for (var i = 1; i <= 300; i++) await a.PublishAsync(Topics.Post(5), new CommentRemoved(5, i));

        await Eventually.TrueAsync(() => onB.Count<CommentRemoved>() == 300, "all 300 events reach node B");
        Assert.Equal(Enumerable.Range(1, 300), onB.Events.OfType<CommentRemoved>().Select(e => e.CommentId));
    }

    [Fact]
    public async Task RedisOutage_WritesSucceed_AndEveryNodeResyncsWhenItReturns()
    {
        await using var nodes = new RedisNodes(server);
        var a = await nodes.BusAsync();
        var b = await nodes.BusAsync();
        var onA = new Received();
        var onB = new Received();
        using var _ = onA.Follow(a, Topics.User("u1"));
        using var __ = onB.Follow(b, Topics.User("u1"));

        await server.StopAsync();
        try
        {
            // Publishing never throws; this node's own subscribers still get the event.
            await a.PublishAsync(Topics.User("u1"), new UnreadChanged("u1", 4, 9));
            await Eventually.TrueAsync(() => onA.Count<UnreadChanged>() == 1, "node A delivers locally during the outage");
            await Eventually.TrueAsync(() => !a.Subscribed && !b.Subscribed, "both nodes notice the outage", 10_000);
        }
        finally
        {
            await server.StartAsync();
        }

        await Eventually.TrueAsync(() => onB.Count<EventsMissed>() >= 1 && onA.Count<EventsMissed>() >= 1, "both nodes tell their subscribers to reload", 20_000);
        Assert.Equal(0, onB.Count<UnreadChanged>());
        await Eventually.TrueAsync(() => a.Subscribed && b.Subscribed, "both nodes are subscribed again", 10_000);
        await a.PublishAsync(Topics.User("u1"), new UnreadChanged("u1", 5, 10));
        await Eventually.TrueAsync(() => onB.Count<UnreadChanged>() == 1, "events flow again after the outage");
    }
}
