using Forum.Data.Realtime;
using Forum.Data.Realtime.Redis;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.Tests.Realtime.Redis;

/// <summary>Who is where, across nodes, on a real redis-server; a node that stops refreshing is forgotten.</summary>
public sealed class RedisPresenceTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly PresenceMember Ann = new("u-ann", "Ann", "ann");
    private static readonly PresenceMember Bob = new("u-bob", "Bob", "bob");

    [Fact]
    public async Task Enter_OnOneNode_IsSeenOnTheOther()
    {
        await using var nodes = new RedisNodes(server);
        var (a, b) = (await NodeAsync(nodes), await NodeAsync(nodes));

        using var _ = a.Presence.Enter(Places.Post(1), Ann);
        using var __ = b.Presence.Enter(Places.Post(1), PresenceMember.Visitor);

        await Eventually.TrueAsync(() => a.Presence.Count(Places.Post(1)) == 2 && b.Presence.Count(Places.Post(1)) == 2, "both nodes count 2");
        Assert.True(b.Presence.IsPresent(Places.Post(1), Ann.UserId!));
        Assert.Equal([Ann], b.Presence.Members(Places.Post(1)));
        // What a writer asks before its transaction: the members (not visitors) of both nodes.
        using var ___ = b.Presence.Enter(Places.Post(1), Bob);
        Assert.Equal(["u-ann", "u-bob"], (await b.Presence.MembersPresentAsync(Places.Post(1))).Order());
        await Eventually.TrueAsync(() => a.Presence.MembersPresentAsync(Places.Post(1)).Result.Count == 2, "node A sees Bob too");
    }

    [Fact]
    public async Task SameMember_OnTwoNodes_CountsOnceUntilTheLastLeaves()
    {
        await using var nodes = new RedisNodes(server);
        var (a, b) = (await NodeAsync(nodes), await NodeAsync(nodes));
        var onA = new Received();
        using var follow = onA.Follow(a.Bus, Topics.Presence(Places.Site));

        var onNodeA = a.Presence.Enter(Places.Site, Ann);
        var onNodeB = b.Presence.Enter(Places.Site, Ann);
        using var bob = b.Presence.Enter(Places.Site, Bob);
        await Eventually.TrueAsync(() => a.Presence.Count(Places.Site) == 2, "Ann once and Bob");

        onNodeA.Dispose();
        await Eventually.TrueAsync(() => onA.Events.OfType<PresenceChanged>().Any(e => !e.Joined), "node A publishes Ann's leaving");
        Assert.Equal(2, a.Presence.Count(Places.Site));
        Assert.True(a.Presence.IsPresent(Places.Site, Ann.UserId!));

        onNodeB.Dispose();
        await Eventually.TrueAsync(() => !a.Presence.IsPresent(Places.Site, Ann.UserId!), "Ann is gone once her last node lets go");
        Assert.Equal(1, a.Presence.Count(Places.Site));
    }

    [Fact]
    public async Task Enter_OnOtherNode_PublishesTheCountAcrossNodes()
    {
        await using var nodes = new RedisNodes(server);
        var (a, b) = (await NodeAsync(nodes), await NodeAsync(nodes));
        var onA = new Received();
        using var follow = onA.Follow(a.Bus, Topics.Presence(Places.Room("lobby")));
        using var _ = a.Presence.Enter(Places.Room("lobby"), Ann);
        await Eventually.TrueAsync(() => onA.Count<PresenceChanged>() == 1, "Ann's arrival");

        using var __ = b.Presence.Enter(Places.Room("lobby"), Bob);

        await Eventually.TrueAsync(() => onA.Count<PresenceChanged>() == 2, "Bob's arrival reaches node A");
        var last = onA.Events.OfType<PresenceChanged>().Last();
        Assert.Equal((Bob, true, 2), (last.Member, last.Joined, last.Count));
    }

    [Fact]
    public async Task NodeThatStopsRefreshing_IsForgottenOnceItsEntriesExpire()
    {
        await using var nodes = new RedisNodes(server);
        var later = new ManualClock(DateTimeOffset.UtcNow);
        var a = await NodeAsync(nodes, TimeProvider.System);
        var b = await NodeAsync(nodes, later);
        using var _ = a.Presence.Enter(Places.Post(2), Ann);
        await Eventually.TrueAsync(() => b.Presence.Count(Places.Post(2)) == 1, "node B sees Ann");

        // Past every expiry node A has written so far (it refreshes on the real clock; a loaded machine may have taken
        // seconds since B's clock was set), with room for one more refresh before the reads below.
        later.Advance(DateTimeOffset.UtcNow - later.GetUtcNow() + TimeSpan.FromSeconds(30 + 5));

        Assert.Equal(0, b.Presence.Count(Places.Post(2)));
        Assert.False(b.Presence.IsPresent(Places.Post(2), Ann.UserId!));
        Assert.Equal(1, a.Presence.Count(Places.Post(2)));
    }

    [Fact]
    public async Task NodeThatDied_TheNextSweepAnnouncesItsPeopleLeftOnce()
    {
        await using var nodes = new RedisNodes(server);
        var later = new ManualClock(DateTimeOffset.UtcNow);
        var a = await NodeAsync(nodes, TimeProvider.System);
        var b = await NodeAsync(nodes, later);
        var c = await NodeAsync(nodes, later);
        var onC = new Received();
        using var follow = onC.Follow(c.Bus, Topics.Presence(Places.Post(4)));
        using var ann = a.Presence.Enter(Places.Post(4), Ann);
        using var bob = b.Presence.Enter(Places.Post(4), Bob);
        using var visitor = c.Presence.Enter(Places.Post(4), PresenceMember.Visitor);
        await Eventually.TrueAsync(() => onC.Count<PresenceChanged>() == 3, "three arrivals");

        // Node A stops refreshing, as if it died; B and C keep refreshing and sweep.
        later.Advance(TimeSpan.FromSeconds(20));
        await Task.WhenAll(b.Presence.RefreshAsync(), c.Presence.RefreshAsync());
        Assert.Equal(0, onC.Events.OfType<PresenceChanged>().Count(e => !e.Joined));
        // Past every expiry node A wrote on the real clock (however long a loaded run took to get here).
        later.Advance(DateTimeOffset.UtcNow - later.GetUtcNow() + TimeSpan.FromSeconds(30 + 5));
        await Task.WhenAll(b.Presence.RefreshAsync(), c.Presence.RefreshAsync());

        await Eventually.TrueAsync(() => onC.Events.OfType<PresenceChanged>().Any(e => !e.Joined), "Ann's departure is announced");
        await Eventually.QuietAsync(300);
        var left = Assert.Single(onC.Events.OfType<PresenceChanged>(), e => !e.Joined);
        Assert.Equal((Ann, 2), (left.Member, left.Count));
        Assert.Equal(2, c.Presence.Count(Places.Post(4)));
    }

    [Fact]
    public async Task RedisRestart_NodesWriteTheirEntriesAgain()
    {
        await using var nodes = new RedisNodes(server);
        var (a, b) = (await NodeAsync(nodes), await NodeAsync(nodes));
        using var _ = a.Presence.Enter(Places.Post(3), Ann);
        await Eventually.TrueAsync(() => b.Presence.Count(Places.Post(3)) == 1, "node B sees Ann");

        await server.StopAsync();
        await server.StartAsync();

        await Eventually.TrueAsync(() => b.Presence.Count(Places.Post(3)) == 1, "node A has written Ann again", 20_000);
    }

    private static async Task<(RedisNotificationBus Bus, RedisPresence Presence)> NodeAsync(RedisNodes nodes, TimeProvider? clock = null)
    {
        var connection = nodes.Connection();
        var bus = await nodes.BusAsync(connection);
        var presence = new RedisPresence(bus, connection, clock ?? TimeProvider.System, NullLogger<RedisPresence>.Instance);
        nodes.Own(presence);
        return (bus, presence);
    }
}
