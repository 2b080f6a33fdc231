using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Data.Posts;

public class PostQueriesTests : DatabaseTest
{
    [Fact]
    public async Task ListAsync_GenreFilter_ReturnsOnlyPostsOfThatGenre()
    {
        var alice = await Db.AddUserAsync("Alice");
        var heat = await Db.AddPostAsync(alice, "Heat", "Crime", "Drama");
        await Db.AddPostAsync(alice, "Alien", "Horror", "Sci-Fi");
        var fargo = await Db.AddPostAsync(alice, "Fargo", "Crime");

        var crime = await Db.PostQueries.ListAsync(new PostQuery(Genre: "Crime"), Ct);
        var western = await Db.PostQueries.ListAsync(new PostQuery(Genre: "Western"), Ct);
        var all = await Db.PostQueries.ListAsync(new PostQuery(Genre: ""), Ct);

        Assert.Equal([fargo, heat], crime.Items.Select(p => p.Id));
        Assert.Equal("Crime, Drama", crime.Items[1].GenreList);
        Assert.Empty(western.Items);
        Assert.Equal(3, all.Items.Count);
    }

    [Fact]
    public async Task ListAsync_MostDiscussed_OrdersByCommentCountThenNewest()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var quiet = await Db.AddPostAsync(alice, "Quiet");
        var busy = await Db.AddPostAsync(alice, "Busy");
        var someOld = await Db.AddPostAsync(alice, "Some (older)");
        var someNew = await Db.AddPostAsync(alice, "Some (newer)");
        foreach (var (post, count) in new[] { (busy, 4), (someOld, 2), (someNew, 2) })
            for (var i = 0; i < count; i++) await Db.Comments.AddAsync(bob, new NewComment(post, $"Comment {i}"), Ct);

        var page = await Db.PostQueries.ListAsync(new PostQuery(PostSort.MostDiscussed), Ct);

        Assert.Equal([busy, someNew, someOld, quiet], page.Items.Select(p => p.Id));
        Assert.Equal([4, 2, 2, 0], page.Items.Select(p => p.CommentCount));
    }

    [Theory]
    [InlineData(PostSort.Newest, null)]
    [InlineData(PostSort.MostDiscussed, null)]
    [InlineData(PostSort.MostDiscussed, "Drama")]
    public async Task ListAsync_LoadMoreUntilTheEnd_ReturnsEveryPostOnceInOrder(PostSort sort, string? genre)
    {
        var alice = await Db.AddUserAsync("Alice");
        var ids = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            var id = await Db.AddPostAsync(alice, $"Movie {i}", i % 3 == 0 ? "Drama" : "Comedy");
            var comments = i % 4; // many ties in the count, so the Id tie-break carries the cursor
            await Db.QueryAsync(db => db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, comments), Ct));
            ids.Add(id);
        }

        var seen = new List<PostSummary>();
        PostCursor? after = null;
        var pages = 0;
        do
        {
            var page = await Db.PostQueries.ListAsync(new PostQuery(sort, genre, after, Take: 7), Ct);
            seen.AddRange(page.Items);
            after = page.Next;
            Assert.True(++pages < 20, "paging does not end");
        } while (after is not null);

        var expected = await Db.QueryAsync(db =>
        {
            var posts = db.Posts.Where(p => genre == null || p.Genres.Any(g => g.Genre == genre));
            return (sort == PostSort.Newest ? posts.OrderByDescending(p => p.Id)
                : posts.OrderByDescending(p => p.CommentCount).ThenByDescending(p => p.Id)).Select(p => p.Id).ToListAsync(Ct);
        });
        Assert.Equal(genre is null ? 30 : 10, expected.Count);
        Assert.Equal(expected, seen.Select(p => p.Id));
    }
}
