using Bunit;
using Forum.App.Features.Messages;
using Forum.Data.Comments;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components;

public sealed class UnreadBadgeTests : ComponentTest
{
    // The layout passes the signed-in member's id.
    private IRenderedComponent<UnreadBadge> RenderBadge() => H.Render<UnreadBadge>(p => p.Add(b => b.UserId, Alice));

    [Fact]
    public async Task UnreadBadge_ExistingMessages_ShowsServerCount()
    {
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "one"), Ct);
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "two"), Ct);

        var badge = RenderBadge();

        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("#unread-count").TextContent));
        Assert.Contains("2 unread", badge.Markup);
    }

    [Fact]
    public async Task UnreadBadge_CommentArrives_ReRendersWithPublishedCount()
    {
        var badge = RenderBadge();
        badge.WaitForAssertion(() => Assert.Equal("0", badge.Find("#unread-count").TextContent));

        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "live"), Ct);

        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("#unread-count").TextContent));
    }

    [Fact]
    public async Task UnreadBadge_CountChanges_IsAnnouncedPolitely()
    {
        var badge = RenderBadge();
        var live = badge.Find("#unread-announcement");
        Assert.Equal("polite", live.GetAttribute("aria-live"));
        badge.WaitForAssertion(() => Assert.Equal("No unread messages", badge.Find("#unread-announcement").TextContent));

        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "one"), Ct);
        badge.WaitForAssertion(() => Assert.Equal("1 unread message", badge.Find("#unread-announcement").TextContent));
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "two"), Ct);
        badge.WaitForAssertion(() => Assert.Equal("2 unread messages", badge.Find("#unread-announcement").TextContent));
        Assert.Equal("2", badge.Find(".forum-bell-count").TextContent);
    }

    [Fact]
    public async Task UnreadBadge_StaleOrOtherMembersEvent_IsIgnored()
    {
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "one"), Ct);
        var badge = RenderBadge();
        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("#unread-count").TextContent));

        // An event that left the server before the current state, and one meant for someone else.
        await H.Db.Bus.PublishAsync(Topics.User(Alice), new UnreadChanged(Alice, 7, 0));
        await H.Db.Bus.PublishAsync(Topics.User(Alice), new UnreadChanged(Bob, 9, 99));

        await Eventually.QuietAsync();
        Assert.Equal("1", badge.Find("#unread-count").TextContent);
    }

    [Theory]
    [InlineData(150)]
    [InlineData(1_234)] // past the counts whose texts are kept
    public async Task UnreadBadge_LargeCount_BellSays99PlusAndTheLabelTheCount(int count)
    {
        var badge = RenderBadge();
        badge.WaitForAssertion(() => Assert.Equal("0", badge.Find("#unread-count").TextContent));

        await H.Db.Bus.PublishAsync(Topics.User(Alice), new UnreadChanged(Alice, count, 1_000_000));

        badge.WaitForAssertion(() => Assert.Equal(count.ToString(), badge.Find("#unread-count").TextContent));
        Assert.Equal("99+", badge.Find(".forum-bell-count").TextContent);
        Assert.Equal($"My messages, {count} unread", badge.Find("a.forum-bell").GetAttribute("aria-label"));
    }

    [Fact]
    public void BadgeTexts_SameCount_SameStringsEveryRender()
    {
        // Kept texts are what lets a badge render store no fresh string (docs/BENCHMARKS.md, "Third pass").
        Assert.Same(BadgeTexts.For(42).Label, BadgeTexts.For(42).Label);
        Assert.Equal("My messages", BadgeTexts.For(0).Label);
        Assert.Equal("1 unread message", BadgeTexts.For(1).Announcement);
    }

    [Fact]
    public void UnreadBadge_Anonymous_ShowsNoCount()
    {
        H.SignOut();
        var badge = H.Render<UnreadBadge>(p => p.Add(b => b.UserId, null));
        Assert.Equal("0", badge.Find("#unread-count").TextContent);
        Assert.Empty(H.Db.Bus.Published);
    }
}
