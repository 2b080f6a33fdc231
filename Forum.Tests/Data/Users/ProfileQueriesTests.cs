using Forum.Data.Comments;
using Forum.Data.Users;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Data.Users;

public sealed class ProfileQueriesTests : DatabaseTest
{
    [Fact]
    public async Task GetAsync_AnyLetterCase_ReturnsTheMemberWithCounts()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice, "Heat");
        await Db.AddPostAsync(bob, "Ronin");
        await Db.Comments.AddAsync(alice, new NewComment(post, "Mine"), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(post, "His"), Ct);
        await Db.Comments.AddAsync(alice, new NewComment(post, "Mine again"), Ct);
        var userName = await UserNameAsync(alice);

        var profile = await Db.Profiles.GetAsync(userName.ToUpperInvariant(), Ct);

        Assert.NotNull(profile);
        Assert.Equal((alice, userName, "Alice", 1, 2), (profile.UserId, profile.UserName, profile.DisplayName, profile.PostCount, profile.CommentCount));
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, profile.JoinedAt);
    }

    [Fact]
    public async Task GetAsync_UnknownName_ReturnsNull() =>
        Assert.Null(await Db.Profiles.GetAsync("nobody-here", Ct));

    [Fact]
    public async Task PostsAsync_LoadMoreUntilTheEnd_ReturnsEachOfTheMembersPostsOnceNewestFirst()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var mine = new List<int>();
        for (var i = 0; i < 23; i++)
        {
            mine.Add(await Db.AddPostAsync(alice, $"Alice's film {i}"));
            await Db.AddPostAsync(bob, $"Bob's film {i}");
        }

        var seen = new List<int>();
        int? before = null;
        var pages = 0;
        do
        {
            var page = await Db.Profiles.PostsAsync(alice, before, ct: Ct);
            Assert.All(page.Items, p => Assert.Equal("Alice", p.AuthorName));
            seen.AddRange(page.Items.Select(p => p.Id));
            before = page.NextBeforeId;
            pages++;
        } while (before is not null);

        Assert.Equal(Enumerable.Reverse(mine), seen);
        Assert.Equal(3, pages); // 10 + 10 + 3: the last page says there is no more
    }

    [Fact]
    public async Task CommentsAsync_LoadMoreUntilTheEnd_ReturnsEachCommentOnceWithItsPostAndKind()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var heat = await Db.AddPostAsync(bob, "Heat");
        var top = await Db.Comments.AddAsync(bob, new NewComment(heat, "Bob opens"), Ct);
        var mine = new List<int>();
        for (var i = 0; i < 21; i++)
        {
            mine.Add((await Db.Comments.AddAsync(alice, new NewComment(heat, $"Alice says {i}", i % 5 == 0 ? top.Id : null), Ct)).Id);
            await Db.Comments.AddAsync(bob, new NewComment(heat, $"Bob says {i}"), Ct);
        }

        var seen = new List<ProfileComment>();
        int? before = null;
        do
        {
            var page = await Db.Profiles.CommentsAsync(alice, before, take: 8, ct: Ct);
            seen.AddRange(page.Items);
            before = page.NextBeforeId;
        } while (before is not null);

        Assert.Equal(Enumerable.Reverse(mine), seen.Select(c => c.Id));
        Assert.All(seen, c => Assert.Equal((heat, "Heat"), (c.PostId, c.PostTitle)));
        Assert.Equal("Alice says 20", seen[0].Excerpt);
        Assert.Equal([0, 5, 10, 15, 20], seen.Where(c => c.IsReply).Select(c => int.Parse(c.Excerpt.Split(' ')[^1])).Order());
    }

    [Fact]
    public async Task CommentsAsync_LongComment_IsCutToAnExcerptEndingInAnEllipsis()
    {
        var alice = await Db.AddUserAsync("Alice");
        var post = await Db.AddPostAsync(alice, "Heat");
        await Db.Comments.AddAsync(alice, new NewComment(post, string.Join(' ', Enumerable.Repeat("word", 200))), Ct);

        var excerpt = (await Db.Profiles.CommentsAsync(alice, ct: Ct)).Items.Single().Excerpt;

        Assert.True(excerpt.Length <= ProfileQueries.ExcerptLength);
        Assert.EndsWith("word…", excerpt);
    }

    [Theory]
    [InlineData("posts", "IX_Posts_AuthorId_Id")]
    [InlineData("comments", "IX_Comments_AuthorId_Id")]
    public async Task Queries_DeepPage_SearchTheAuthorIndexWithoutSorting(string which, string index)
    {
        var alice = await Db.AddUserAsync("Alice");
        var plan = await Db.QueryAsync(async db =>
        {
            var query = which == "posts"
                ? ProfileQueries.PostsQuery(db, alice, 1000).Select(p => p.Id)
                : ProfileQueries.CommentsQuery(db, alice, 1000).Select(c => c.Id);
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = query.Take(11).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) lines.Add(reader.GetString(3));
            return lines;
        });

        Assert.Contains(plan, l => l.Contains("SEARCH") && l.Contains($"INDEX {index} "));
        Assert.DoesNotContain(plan, l => l.Contains("TEMP B-TREE"));
    }

    private Task<string> UserNameAsync(string userId) =>
        Db.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.UserName!).SingleAsync(Ct));
}
