using Bunit;
using Forum.App.Features.Chat;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components.Chat;

public sealed class OnlineCountTests : ComponentTest
{
    [Fact]
    public void OnlineCount_MembersComeAndGo_CountFollowsLive()
    {
        using var alice = H.Db.Presence.Enter(Places.Site, new PresenceMember(Alice, "Alice"));
        var cut = H.Render<OnlineCount>();
        Assert.Equal("1", cut.Find("#online-count").TextContent);
        Assert.Equal("/chat", cut.Find("a").GetAttribute("href"));

        var bob = H.Db.Presence.Enter(Places.Site, new PresenceMember(Bob, "Bob Chen"));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#online-count").TextContent));
        Assert.Equal("Chat, 2 members online", cut.Find("a").GetAttribute("aria-label"));

        bob.Dispose();
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#online-count").TextContent));
    }
}
