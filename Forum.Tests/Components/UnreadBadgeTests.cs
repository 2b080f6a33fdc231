using Bunit;
using Forum.App.Features.Messages;
using Forum.Data.Comments;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components;

public sealed class UnreadBadgeTests : IAsyncLifetime
{
    private ComponentHarness _h = null!;
    private string _alice = "", _bob = "";
    private int _post;

    public async ValueTask InitializeAsync()
    {
        _h = await ComponentHarness.CreateAsync();
        _alice = await _h.Db.AddUserAsync("Alice");
        _bob = await _h.Db.AddUserAsync("Bob");
        _post = await _h.Db.AddPostAsync(_alice);
        _h.SignIn(_alice, "Alice");
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task UnreadBadge_ExistingMessages_ShowsServerCount()
    {
        await _h.Db.Comments.AddAsync(_bob, new NewComment(_post, "one"), Xunit.TestContext.Current.CancellationToken);
        await _h.Db.Comments.AddAsync(_bob, new NewComment(_post, "two"), Xunit.TestContext.Current.CancellationToken);

        var badge = _h.Render<UnreadBadge>();

        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("#unread-count").TextContent));
        Assert.Contains("2 unread", badge.Markup);
    }

    [Fact]
    public async Task UnreadBadge_CommentArrives_ReRendersWithPublishedCount()
    {
        var badge = _h.Render<UnreadBadge>();
        badge.WaitForAssertion(() => Assert.Equal("0", badge.Find("#unread-count").TextContent));

        await _h.Db.Comments.AddAsync(_bob, new NewComment(_post, "live"), Xunit.TestContext.Current.CancellationToken);

        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("#unread-count").TextContent));
    }

    [Fact]
    public async Task UnreadBadge_StaleOrOtherMembersEvent_IsIgnored()
    {
        await _h.Db.Comments.AddAsync(_bob, new NewComment(_post, "one"), Xunit.TestContext.Current.CancellationToken);
        var badge = _h.Render<UnreadBadge>();
        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("#unread-count").TextContent));

        // An event that left the server before the current state, and one meant for someone else.
        await _h.Db.Bus.PublishAsync(Topics.User(_alice), new UnreadChanged(_alice, 7, 0));
        await _h.Db.Bus.PublishAsync(Topics.User(_alice), new UnreadChanged(_bob, 9, 99));

        Assert.Equal("1", badge.Find("#unread-count").TextContent);
    }

    [Fact]
    public void UnreadBadge_Anonymous_ShowsNoCount()
    {
        _h.SignOut();
        var badge = _h.Render<UnreadBadge>();
        Assert.Equal("0", badge.Find("#unread-count").TextContent);
        Assert.Empty(_h.Db.Bus.Published);
    }
}
