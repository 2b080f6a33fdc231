using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Messages;

/// <summary>"Load more" in the message center: every message once, in order, however many share a timestamp.</summary>
public class MessageServicePagingTests : DatabaseTest
{
    [Theory]
    [InlineData(45, 10, 45)] // one frozen instant: every message ties on CreatedAt
    [InlineData(45, 10, 7)]  // tie groups that straddle page boundaries
    [InlineData(45, 10, 1)]  // every message has its own instant
    [InlineData(45, 9, 4)]   // pages divide the total exactly: no empty last page
    public async Task GetPageAsync_LoadMoreUntilTheEnd_ReturnsEveryMessageOnceInOrder(int total, int pageSize, int sharedInstant)
    {
        var (alice, post) = await ArrangeAsync();
        var bob = await Db.AddUserAsync("Bob");
        for (var i = 0; i < total; i++)
        {
            if (i > 0 && i % sharedInstant == 0) Db.Clock.Advance(TimeSpan.FromTicks(1));
            await Db.Comments.AddAsync(bob, new NewComment(post, $"Comment {i}"), Ct);
        }

        var pages = await ReadAllPagesAsync(alice, pageSize);

        var items = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(Enumerable.Range(0, total).Reverse().Select(i => $"Comment {i}"), items.Select(m => m.Excerpt));
        Assert.Equal(Enumerable.Repeat(pageSize, total / pageSize).Append(total % pageSize).Where(n => n > 0), pages.Select(p => p.Items.Count));
        Assert.All(pages[..^1], p => Assert.NotNull(p.Next));
        Assert.Null(pages[^1].Next);
        var expectedIds = (await Db.NotificationsAsync()).Where(n => n.RecipientId == alice)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Select(n => n.Id);
        Assert.Equal(expectedIds, items.Select(m => m.Id));
    }

    [Fact]
    public async Task GetPageAsync_NewMessagesArriveBetweenPages_LoadMoreNeitherRepeatsNorSkips()
    {
        var (alice, post) = await ArrangeAsync();
        var bob = await Db.AddUserAsync("Bob");
        for (var i = 0; i < 25; i++) await Db.Comments.AddAsync(bob, new NewComment(post, $"Old {i}"), Ct);
        var first = await Db.Messages.GetPageAsync(alice, take: 10, ct: Ct);

        for (var i = 0; i < 3; i++) await Db.Comments.AddAsync(bob, new NewComment(post, $"New {i}"), Ct);
        var rest = await ReadAllPagesAsync(alice, 10, first.Next);

        var seen = first.Items.Concat(rest.SelectMany(p => p.Items)).Select(m => m.Excerpt);
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"Old {i}"), seen);
        Assert.Equal("New 2", (await Db.Messages.GetPageAsync(alice, take: 1, ct: Ct)).Items[0].Excerpt);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1_000, MessageService.MaxPageSize)]
    public async Task GetPageAsync_OutOfRangePageSize_IsClamped(int requested, int expected)
    {
        var (alice, post) = await ArrangeAsync();
        var bob = await Db.AddUserAsync("Bob");
        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, "Seed"), Ct);
        await Db.QueryAsync(async db =>
        {
            db.Notifications.AddRange(Enumerable.Range(0, MessageService.MaxPageSize).Select(_ => new Notification
            {
                RecipientId = alice, ActorId = bob, Kind = NotificationKind.CommentOnPost, PostId = post,
                PostAuthorId = alice, CommentId = comment.Id, CreatedAt = Db.Clock.GetUtcNow().UtcDateTime,
            }));
            return await db.SaveChangesAsync(Ct);
        });

        var page = await Db.Messages.GetPageAsync(alice, take: requested, ct: Ct);

        Assert.Equal(expected, page.Items.Count);
        Assert.NotNull(page.Next);
    }

    private async Task<(string Alice, int Post)> ArrangeAsync()
    {
        var alice = await Db.AddUserAsync("Alice");
        return (alice, await Db.AddPostAsync(alice));
    }

    private async Task<List<MessagePage>> ReadAllPagesAsync(string userId, int pageSize, MessageCursor? after = null)
    {
        var pages = new List<MessagePage>();
        do
        {
            var page = await Db.Messages.GetPageAsync(userId, after, pageSize, Ct);
            pages.Add(page);
            after = page.Next;
            Assert.True(pages.Count < 100, "paging does not end");
        } while (after is not null);
        return pages;
    }
}
