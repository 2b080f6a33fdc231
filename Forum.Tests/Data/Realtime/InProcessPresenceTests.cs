using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Realtime;

public sealed class InProcessPresenceTests
{
    private readonly RecordingBus _bus = new();
    private readonly InProcessPresence _presence;
    private readonly PresenceMember _alice = new("alice-id", "Alice");

    public InProcessPresenceTests() => _presence = new InProcessPresence(_bus);

    [Fact]
    public void Enter_MemberWithThreeTabs_IsOnePersonUntilTheLastTabLeaves()
    {
        var tabs = Enumerable.Range(0, 3).Select(_ => _presence.Enter("post:1", _alice)).ToList();
        Assert.Equal(1, _presence.Count("post:1"));

        tabs[0].Dispose();
        tabs[1].Dispose();
        Assert.True(_presence.IsPresent("post:1", "alice-id"));

        tabs[2].Dispose();
        Assert.False(_presence.IsPresent("post:1", "alice-id"));
        Assert.Equal(0, _presence.Count("post:1"));
        var changes = _bus.EventsOn<PresenceChanged>(Topics.Presence("post:1"));
        Assert.Equal([(true, 1), (false, 0)], changes.Select(c => (c.Joined, c.Count)));
    }

    [Fact]
    public void Enter_Visitors_EachConnectionCountsAndIsNeverAMember()
    {
        using var a = _presence.Enter("post:1", PresenceMember.Visitor);
        using var b = _presence.Enter("post:1", PresenceMember.Visitor);
        using var alice = _presence.Enter("post:1", _alice);

        Assert.Equal(3, _presence.Count("post:1"));
        Assert.Equal([1, 2, 3], _bus.EventsOn<PresenceChanged>(Topics.Presence("post:1")).Select(c => c.Count));
    }

    [Fact]
    public void Dispose_Twice_LeavesOnce()
    {
        using var other = _presence.Enter("post:1", _alice);
        var tab = _presence.Enter("post:1", _alice);

        tab.Dispose();
        tab.Dispose();

        Assert.True(_presence.IsPresent("post:1", "alice-id"));
    }

    [Fact]
    public void Places_AreIndependent()
    {
        using var _ = _presence.Enter("post:1", _alice);

        Assert.False(_presence.IsPresent("post:2", "alice-id"));
        Assert.Equal(0, _presence.Count("post:2"));
    }

    [Fact]
    public void Members_SignedInPeopleOnceEachByName_VisitorsOnlyCounted()
    {
        using var bob = _presence.Enter("room:lobby", new PresenceMember("bob-id", "Bob", "bob"));
        using var alice1 = _presence.Enter("room:lobby", new PresenceMember("alice-id", "Alice", "alice"));
        using var alice2 = _presence.Enter("room:lobby", new PresenceMember("alice-id", "Alice", "alice"));
        using var visitor = _presence.Enter("room:lobby", PresenceMember.Visitor);

        Assert.Equal(["alice", "bob"], _presence.Members("room:lobby").Select(m => m.UserName));
        Assert.Equal(3, _presence.Count("room:lobby"));
        Assert.Empty(_presence.Members("room:movie-1"));
    }

    [Fact]
    public void Members_LastTabCloses_MemberLeavesTheList()
    {
        var tab1 = _presence.Enter(Places.Site, _alice);
        var tab2 = _presence.Enter(Places.Site, _alice);

        tab1.Dispose();
        Assert.Single(_presence.Members(Places.Site));
        tab2.Dispose();

        Assert.Empty(_presence.Members(Places.Site));
        Assert.Equal(0, _presence.Count(Places.Site));
    }
}
