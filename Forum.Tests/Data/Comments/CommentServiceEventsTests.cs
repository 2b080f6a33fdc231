using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Data.Comments;

/// <summary>What open pages are told: only committed facts, with the current count and an ordering version.</summary>
public class CommentServiceEventsTests : DatabaseTest
{
    [Fact]
    public async Task AddAsync_SubscriberQueriesDatabase_SeesCommittedCommentAndNotification()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        (int Comments, int Unread, int Counter)? seenByBadge = null;
        (bool Stored, int CommentCount)? seenByThread = null;
        using var badge = Db.Bus.Subscribe(Topics.User(alice), async _ => seenByBadge = (
            await Db.QueryAsync(db => db.Comments.CountAsync(Ct)), await Db.UnreadRowsAsync(alice), await Db.CounterAsync(alice)));
        using var thread = Db.Bus.Subscribe(Topics.Post(post), async e => seenByThread = (
            await Db.QueryAsync(db => db.Comments.AnyAsync(c => c.Id == ((CommentAdded)e).Comment.Id, Ct)),
            (await Db.PostQueries.GetAsync(post, Ct))!.CommentCount));

        await Db.Comments.AddAsync(bob, new NewComment(post, "Hello"), Ct);

        await Eventually.TrueAsync(() => seenByBadge is not null && seenByThread is not null, "both subscribers ran");
        Assert.Equal((1, 1, 1), seenByBadge);
        Assert.Equal((true, 1), seenByThread);
    }

    [Fact]
    public async Task AddAsync_Comment_PublishesCommentAddedToPostTopic()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, "Hello"), Ct);

        var added = Assert.Single(Db.Bus.EventsOn<CommentAdded>(Topics.Post(post)));
        Assert.Equal(comment, added.Comment);
        Assert.Equal(ManualClock.Start.UtcDateTime, added.Comment.CreatedAt);
    }

    [Fact]
    public async Task UnreadChanged_CommentsThenMarkRead_CarryCurrentCountAndIncreasingVersion()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var carol = await Db.AddUserAsync("Carol");
        var post = await Db.AddPostAsync(alice);

        await Db.Comments.AddAsync(bob, new NewComment(post, "One"), Ct);
        await Db.Comments.AddAsync(carol, new NewComment(post, "Two"), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(post, "Three"), Ct);
        var page = await Db.Messages.GetPageAsync(alice, ct: Ct);
        await Db.Messages.MarkReadAsync(alice, page.Items[0].Id, Ct);
        await Db.Messages.MarkAllReadAsync(alice, Ct);

        var events = Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice));
        Assert.Equal([1, 2, 3, 2, 0], events.Select(e => e.Count));
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.Second.Version > pair.First.Version));
        Assert.All(events, e => Assert.Equal(alice, e.UserId));
        Assert.Equal(events[^1], await Db.Messages.GetUnreadAsync(alice, Ct));
    }

    [Fact]
    public async Task AddAsync_OneSubscriberThrows_CommentIsStoredAndOthersAreTold()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var told = new List<UnreadChanged>();
        using var broken = Db.Bus.Subscribe(Topics.User(alice), _ => throw new InvalidOperationException("circuit gone"));
        using var working = Db.Bus.Subscribe(Topics.User(alice), e => { told.Add((UnreadChanged)e); return Task.CompletedTask; });

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, "Still saved"), Ct);

        await Eventually.TrueAsync(() => told.Count > 0, "the working subscriber told");
        Assert.Equal(1, Assert.Single(told).Count);
        Assert.Equal(comment.Id, Assert.Single(await Db.CommentQueries.ListForPostAsync(post, Ct)).Id);
    }

    [Fact]
    public async Task AddAsync_RejectedComment_PublishesNothing()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var told = 0;
        using var _ = Db.Bus.Subscribe(Topics.User(alice), _ => { told++; return Task.CompletedTask; });

        await Assert.ThrowsAsync<Forum.Data.ForumException>(() => Db.Comments.AddAsync(bob, new NewComment(post, " "), Ct));

        await Eventually.QuietAsync();
        Assert.Equal(0, told);
        Assert.Empty(Db.Bus.Published);
        Assert.Equal(0, (await Db.Messages.GetUnreadAsync(alice, Ct)).Count);
    }
}
