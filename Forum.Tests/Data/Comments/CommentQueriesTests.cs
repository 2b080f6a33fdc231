using Forum.Data.Comments;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Comments;

/// <summary>A thread read page by page (the API's comment list), and one comment by id.</summary>
public class CommentQueriesTests : DatabaseTest
{
    [Fact]
    public async Task PageForPostAsync_WalksTheThreadOldestFirstWithoutGapsOrRepeats()
    {
        var alice = await Db.AddUserAsync("Alice");
        var post = await Db.AddPostAsync(alice);
        var other = await Db.AddPostAsync(alice, "Ronin");
        var written = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            written.Add((await Db.Comments.AddAsync(alice, new NewComment(post, $"Comment {i}"), Ct)).Id);
            await Db.Comments.AddAsync(alice, new NewComment(other, $"Elsewhere {i}"), Ct);
        }

        var seen = new List<int>();
        int? after = null;
        var pages = 0;
        do
        {
            var page = (await Db.CommentQueries.PageForPostAsync(post, after, take: 2, Ct))!;
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(c => c.Id));
            after = page.NextAfterId;
            pages++;
        } while (after is not null);

        Assert.Equal(written, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task PageForPostAsync_UnknownPost_IsNullAndAPostWithoutCommentsIsEmpty()
    {
        var alice = await Db.AddUserAsync("Alice");
        var post = await Db.AddPostAsync(alice);

        Assert.Null(await Db.CommentQueries.PageForPostAsync(post + 1000, ct: Ct));
        var empty = (await Db.CommentQueries.PageForPostAsync(post, ct: Ct))!;
        Assert.Empty(empty.Items);
        Assert.Null(empty.NextAfterId);
    }

    [Fact]
    public async Task GetAsync_KnownAndUnknownIds()
    {
        var alice = await Db.AddUserAsync("Alice");
        var post = await Db.AddPostAsync(alice);
        var comment = await Db.Comments.AddAsync(alice, new NewComment(post, "Found me."), Ct);

        Assert.Equal(comment, await Db.CommentQueries.GetAsync(comment.Id, Ct));
        Assert.Null(await Db.CommentQueries.GetAsync(comment.Id + 1000, Ct));
    }
}
