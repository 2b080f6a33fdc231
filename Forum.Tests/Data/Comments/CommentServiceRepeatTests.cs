using Forum.Data.Comments;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Comments;

/// <summary>A double click, a retried request or two tabs submitting the same draft store it once.</summary>
public class CommentServiceRepeatTests : DatabaseTest
{
    [Fact]
    public async Task AddAsync_SameRequestIdTwice_StoresOneCommentAndOneNotification()
    {
        var (alice, bob, post) = await ArrangeAsync();
        var draft = new NewComment(post, "Submitted twice.", RequestId: Guid.NewGuid());

        var first = await Db.Comments.AddAsync(bob, draft, Ct);
        var second = await Db.Comments.AddAsync(bob, draft, Ct);

        Assert.Equal(first, second);
        await AssertStoredOnceAsync(alice, post);
        Assert.Single(Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice)));
    }

    [Fact]
    public async Task AddAsync_SameRequestIdConcurrently_StoresOneCommentAndOneNotification()
    {
        var (alice, bob, post) = await ArrangeAsync();
        var draft = new NewComment(post, "Submitted from two tabs at once.", RequestId: Guid.NewGuid());

        Task<CommentView>[] submits;
        await using (await Db.HoldWriteLockAsync())
        {
            // All submits find no stored draft and queue for the write lock; on release they insert one after another.
            submits = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() => Db.Comments.AddAsync(bob, draft, Ct), Ct))];
            await Task.Delay(TimeSpan.FromMilliseconds(400), Ct);
        }
        var results = await Task.WhenAll(submits);

        Assert.Single(results.Select(r => r.Id).Distinct());
        await AssertStoredOnceAsync(alice, post);
    }

    [Fact]
    public async Task AddAsync_SameRequestIdFromDifferentMembers_StoresBoth()
    {
        var (alice, bob, post) = await ArrangeAsync();
        var carol = await Db.AddUserAsync("Carol");
        var requestId = Guid.NewGuid();

        await Db.Comments.AddAsync(bob, new NewComment(post, "Bob's draft", RequestId: requestId), Ct);
        await Db.Comments.AddAsync(carol, new NewComment(post, "Carol's draft", RequestId: requestId), Ct);

        Assert.Equal(2, (await Db.CommentQueries.ListForPostAsync(post, Ct)).Count);
        Assert.Equal(2, await Db.CounterAsync(alice));
    }

    [Fact]
    public async Task AddAsync_WithoutRequestId_StoresEverySubmit()
    {
        var (alice, bob, post) = await ArrangeAsync();

        await Db.Comments.AddAsync(bob, new NewComment(post, "Same words."), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(post, "Same words."), Ct);

        Assert.Equal(2, (await Db.CommentQueries.ListForPostAsync(post, Ct)).Count);
        Assert.Equal(2, await Db.CounterAsync(alice));
    }

    private async Task<(string Alice, string Bob, int Post)> ArrangeAsync()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        return (alice, bob, await Db.AddPostAsync(alice));
    }

    private async Task AssertStoredOnceAsync(string alice, int post)
    {
        Assert.Single(await Db.CommentQueries.ListForPostAsync(post, Ct));
        Assert.Single(await Db.NotificationsAsync());
        Assert.Equal(1, await Db.CounterAsync(alice));
        Assert.Equal(1, (await Db.PostQueries.GetAsync(post, Ct))!.CommentCount);
    }
}
