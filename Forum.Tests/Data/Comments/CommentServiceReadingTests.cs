using Forum.Data.Comments;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Comments;

/// <summary>What arrives in the thread a member is reading is read: no unread message, no badge bump.</summary>
public class CommentServiceReadingTests : DatabaseTest
{
    [Fact]
    public async Task AddAsync_PostAuthorReadingTheThread_MessageIsStoredReadAndCountStays()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        using var reading = Db.Presence.Enter(Places.Post(post), new PresenceMember(alice, "Alice"));

        await Db.Comments.AddAsync(bob, new NewComment(post, "Are you watching this?"), Ct);

        var note = Assert.Single(await Db.NotificationsAsync());
        Assert.True(note.IsRead);
        Assert.Equal(0, await Db.CounterAsync(alice));
        // Still told (the version moved), so an open "My messages" lists the new, read, row.
        var told = Assert.Single(Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice)));
        Assert.Equal(0, told.Count);
    }

    [Fact]
    public async Task AddAsync_ReaderOfAnotherPost_IsNotified()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var other = await Db.AddPostAsync(alice, "Ran");
        using var reading = Db.Presence.Enter(Places.Post(other), new PresenceMember(alice, "Alice"));

        await Db.Comments.AddAsync(bob, new NewComment(post, "Over here."), Ct);

        Assert.False(Assert.Single(await Db.NotificationsAsync()).IsRead);
        Assert.Equal(1, await Db.CounterAsync(alice));
    }

    [Fact]
    public async Task AddAsync_ReplyWhileOnlyThePostAuthorReads_TheAnsweredMemberIsStillNotified()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var carol = await Db.AddUserAsync("Carol");
        var post = await Db.AddPostAsync(alice);
        var top = await Db.Comments.AddAsync(carol, new NewComment(post, "First!"), Ct);
        await Db.Messages.MarkAllReadAsync(alice, Ct);
        using var reading = Db.Presence.Enter(Places.Post(post), new PresenceMember(alice, "Alice"));

        await Db.Comments.AddAsync(bob, new NewComment(post, "Welcome, Carol.", top.Id), Ct);

        Assert.Equal(1, await Db.CounterAsync(carol));
        Assert.Equal(0, await Db.CounterAsync(alice));
    }

    [Fact]
    public async Task AddAsync_ReaderClosedTheThread_IsNotifiedAgain()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var reading = Db.Presence.Enter(Places.Post(post), new PresenceMember(alice, "Alice"));
        reading.Dispose();

        await Db.Comments.AddAsync(bob, new NewComment(post, "Gone already?"), Ct);

        Assert.Equal(1, await Db.CounterAsync(alice));
    }
}
