using Bunit;
using Forum.App.Features.Posts;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components;

public sealed class ReadingNowTests : ComponentTest
{
    [Fact]
    public async Task ReadingNow_OpenOnCircuit_CountsTheViewerAsReader()
    {
        var cut = H.Render<ReadingNow>(p => p.Add(c => c.PostId, Post));

        cut.WaitForAssertion(() => Assert.True(H.Db.Presence.IsPresent(Places.Post(Post), Alice)));
        Assert.Empty(cut.FindAll("#reading-now"));

        await H.Context.DisposeComponentsAsync();
        Assert.False(H.Db.Presence.IsPresent(Places.Post(Post), Alice));
    }

    [Fact]
    public void ReadingNow_OthersComeAndGo_CountFollowsLive()
    {
        var cut = H.Render<ReadingNow>(p => p.Add(c => c.PostId, Post));
        cut.WaitForAssertion(() => Assert.Equal(1, H.Db.Presence.Count(Places.Post(Post))));

        var bob = H.Db.Presence.Enter(Places.Post(Post), new PresenceMember(Bob, "Bob Chen"));
        using var visitor = H.Db.Presence.Enter(Places.Post(Post), PresenceMember.Visitor);
        cut.WaitForAssertion(() => Assert.Equal("3 reading now", cut.Find("#reading-now").TextContent));

        bob.Dispose();
        cut.WaitForAssertion(() => Assert.Equal("2 reading now", cut.Find("#reading-now").TextContent));
    }
}
