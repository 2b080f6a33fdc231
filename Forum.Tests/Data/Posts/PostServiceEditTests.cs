using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Posts;

/// <summary>The author may edit or delete a post until someone else joins the discussion.</summary>
public class PostServiceEditTests : DatabaseTest
{
    private static readonly NewPost Heat = new("Heat", 1995, ["Crime", "Drama"], "A crew of thieves and the detective who hunts them.");

    [Fact]
    public async Task EditAsync_AuthorBeforeOthersComment_ChangesEverythingAndMarksEdited()
    {
        var alice = await Db.AddUserAsync("Alice");
        var id = await Db.Posts.CreateAsync(alice, Heat, Ct);
        await Db.Comments.AddAsync(alice, new NewComment(id, "My own note."), Ct);
        Db.Clock.Advance(TimeSpan.FromMinutes(30));

        await Db.Posts.EditAsync(alice, id, new NewPost(" Heat (1995) ", 1995, ["Thriller"], "Pacino and De Niro, at last."), Ct);

        var post = (await Db.PostQueries.GetAsync(id, Ct))!;
        Assert.Equal(("Heat (1995)", "Thriller", "Pacino and De Niro, at last."), (post.Title, post.GenreList, post.Body));
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, post.EditedAt);
        Assert.Empty((await Db.PostQueries.ListAsync(new PostQuery(Genre: "Crime"), Ct)).Items);
        Assert.Single((await Db.PostQueries.ListAsync(new PostQuery(Genre: "Thriller"), Ct)).Items);
        Assert.Equal(id, Assert.Single(Db.Bus.EventsOn<PostChanged>(Topics.Post(id))).PostId);
    }

    [Fact]
    public async Task EditAndDelete_AfterSomeoneElseCommented_AreRefusedAndChangeNothing()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var id = await Db.Posts.CreateAsync(alice, Heat, Ct);
        await Db.Comments.AddAsync(bob, new NewComment(id, "Great film."), Ct);
        var before = await Db.SnapshotAsync();

        var edit = await Assert.ThrowsAsync<ForumException>(() => Db.Posts.EditAsync(alice, id, Heat with { Title = "Hot" }, Ct));
        var delete = await Assert.ThrowsAsync<ForumException>(() => Db.Posts.DeleteAsync(alice, id, Ct));

        Assert.Contains("joined the discussion", edit.Message);
        Assert.Contains("joined the discussion", delete.Message);
        Assert.Equal((ForumErrorKind.Conflict, ForumErrorKind.Conflict), (edit.Kind, delete.Kind));
        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.Equal("Heat", (await Db.PostQueries.GetAsync(id, Ct))!.Title);
    }

    [Fact]
    public async Task EditAndDelete_SomeoneElsesPost_AreForbidden()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var id = await Db.Posts.CreateAsync(alice, Heat, Ct);

        var edit = await Assert.ThrowsAsync<ForumException>(() => Db.Posts.EditAsync(bob, id, Heat with { Title = "Mine" }, Ct));
        var delete = await Assert.ThrowsAsync<ForumException>(() => Db.Posts.DeleteAsync(bob, id, Ct));

        Assert.Equal((ForumErrorKind.Forbidden, ForumErrorKind.Forbidden), (edit.Kind, delete.Kind));
        Assert.NotNull(await Db.PostQueries.GetAsync(id, Ct));
    }

    [Fact]
    public async Task EditAsync_BreaksARule_IsRefusedWithTheRulesMessage()
    {
        var alice = await Db.AddUserAsync("Alice");
        var id = await Db.Posts.CreateAsync(alice, Heat, Ct);

        var error = await Assert.ThrowsAsync<ForumException>(() => Db.Posts.EditAsync(alice, id, Heat with { Year = 1700 }, Ct));

        Assert.Contains("1888", error.Message);
        Assert.Null((await Db.PostQueries.GetAsync(id, Ct))!.EditedAt);
    }

    [Fact]
    public async Task DeleteAsync_WithTheAuthorsOwnThread_RemovesPostCommentsAndGenres()
    {
        var alice = await Db.AddUserAsync("Alice");
        var id = await Db.Posts.CreateAsync(alice, Heat, Ct);
        var note = await Db.Comments.AddAsync(alice, new NewComment(id, "A note."), Ct);
        await Db.Comments.AddAsync(alice, new NewComment(id, "And a reply to it.", note.Id), Ct);

        await Db.Posts.DeleteAsync(alice, id, Ct);

        Assert.Equal(new TestDatabase.Snapshot(0, 0, 0, 0, 0, 0), await Db.SnapshotAsync());
        Assert.Equal(id, Assert.Single(Db.Bus.EventsOn<PostRemoved>(Topics.Post(id))).PostId);
        Assert.Equal(ForumErrorKind.NotFound, (await Assert.ThrowsAsync<ForumException>(() => Db.Posts.DeleteAsync(alice, id, Ct))).Kind);
    }
}
