using Forum.Data;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Messages;

/// <summary>Marking one message read for a client that must hear about a wrong id, without learning whose it is.</summary>
public class MessageServiceOwnReadTests : DatabaseTest
{
    [Fact]
    public async Task MarkOwnReadAsync_OwnMessage_MarksItReadAndAgainChangesNothing()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        await Db.Comments.AddAsync(bob, new NewComment(post, "One"), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(post, "Two"), Ct);
        var target = (await Db.Messages.GetPageAsync(alice, ct: Ct)).Items[0];

        var state = await Db.Messages.MarkOwnReadAsync(alice, target.Id, Ct);
        var again = await Db.Messages.MarkOwnReadAsync(alice, target.Id, Ct);

        Assert.Equal(1, state.Count);
        Assert.Equal(state, again);
        Assert.Equal(1, await Db.UnreadRowsAsync(alice));
    }

    [Fact]
    public async Task MarkOwnReadAsync_AnotherMembersOrUnknownId_SameNotFoundAndNothingChanges()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var carol = await Db.AddUserAsync("Carol");
        await Db.Comments.AddAsync(bob, new NewComment(await Db.AddPostAsync(carol), "For Carol"), Ct);
        var carols = Assert.Single((await Db.Messages.GetPageAsync(carol, ct: Ct)).Items);
        var before = await Db.SnapshotAsync();

        var someoneElses = await Assert.ThrowsAsync<ForumException>(() => Db.Messages.MarkOwnReadAsync(alice, carols.Id, Ct));
        var unknown = await Assert.ThrowsAsync<ForumException>(() => Db.Messages.MarkOwnReadAsync(alice, 999_999, Ct));

        Assert.Equal((ForumErrorKind.NotFound, ForumErrorKind.NotFound), (someoneElses.Kind, unknown.Kind));
        Assert.Equal(someoneElses.Message, unknown.Message);
        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.Equal(1, await Db.UnreadRowsAsync(carol));
    }

    [Fact]
    public async Task MarkOwnReadAsync_Anonymous_AsksToSignIn() =>
        Assert.Equal(ForumErrorKind.SignInRequired,
            (await Assert.ThrowsAsync<ForumException>(() => Db.Messages.MarkOwnReadAsync(null, 1, Ct))).Kind);
}
