using Forum.Data;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Comments;

/// <summary>Refused comments: the member gets the right kind of error and the database is left exactly as it was.</summary>
public class CommentServiceRulesTests : DatabaseTest
{
    public static TheoryData<string> BadBodies => new() { "", "   ", "\n\t  \n", new string('x', CommentRules.BodyMax + 1) };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task AddAsync_EmptyOrOversizedBody_ThrowsInvalidAndWritesNothing(string body)
    {
        var (bob, post, before) = await ArrangeAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Comments.AddAsync(bob, new NewComment(post, body), Ct));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task AddAsync_BodyAtLimitAfterTrimming_IsAccepted()
    {
        var (bob, post, _) = await ArrangeAsync();
        var body = new string('x', CommentRules.BodyMax);

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, $"  {body}\n"), Ct);

        Assert.Equal(body, comment.Body);
    }

    [Fact]
    public async Task AddAsync_UnknownPost_ThrowsNotFoundAndWritesNothing()
    {
        var (bob, post, before) = await ArrangeAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Comments.AddAsync(bob, new NewComment(post + 1000, "Hello?"), Ct));

        Assert.Equal(ForumErrorKind.NotFound, ex.Kind);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task AddAsync_ReplyToUnknownComment_ThrowsNotFoundAndWritesNothing()
    {
        var (bob, post, before) = await ArrangeAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Comments.AddAsync(bob, new NewComment(post, "Re:", 4242), Ct));

        Assert.Equal(ForumErrorKind.NotFound, ex.Kind);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task AddAsync_ReplyToCommentOfAnotherPost_ThrowsInvalidAndWritesNothing()
    {
        var (bob, post, _) = await ArrangeAsync();
        var carol = await Db.AddUserAsync("Carol");
        var otherPost = await Db.AddPostAsync(carol, "Ronin");
        var elsewhere = await Db.Comments.AddAsync(carol, new NewComment(otherPost, "On another post."), Ct);
        var before = await Db.SnapshotAsync();
        var published = Db.Bus.Published.Count;

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Comments.AddAsync(bob, new NewComment(post, "Cross-post reply", elsewhere.Id), Ct));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.Equal(published, Db.Bus.Published.Count);
    }

    [Fact]
    public async Task AddAsync_SignedOut_ThrowsSignInRequiredAndWritesNothing()
    {
        var (_, post, before) = await ArrangeAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Comments.AddAsync(null, new NewComment(post, "Anonymous"), Ct));

        Assert.Equal(ForumErrorKind.SignInRequired, ex.Kind);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task AddAsync_DeletedAccount_ThrowsSignInRequiredAndWritesNothing()
    {
        var (_, post, before) = await ArrangeAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Comments.AddAsync("no-such-user", new NewComment(post, "Ghost"), Ct));

        Assert.Equal(ForumErrorKind.SignInRequired, ex.Kind);
        await AssertNothingChangedAsync(before);
    }

    private async Task<(string Bob, int Post, TestDatabase.Snapshot Before)> ArrangeAsync()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        return (bob, post, await Db.SnapshotAsync());
    }

    private async Task AssertNothingChangedAsync(TestDatabase.Snapshot before)
    {
        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.Equal(0, before.Comments);
        Assert.Empty(Db.Bus.Published);
    }
}
