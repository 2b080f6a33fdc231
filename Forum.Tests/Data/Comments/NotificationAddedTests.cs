using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Data.Comments;

/// <summary>Live clients are told of each new message-center entry: the same record the page reads, after commit.</summary>
public class NotificationAddedTests : DatabaseTest
{
    [Fact]
    public async Task AddAsync_CommentOnPost_PublishesTheMessageCenterEntryThenTheCount()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice, "Heat");

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, "A fine heist"), Ct);

        var onAlice = Db.Bus.Published.Where(p => p.Topic == Topics.User(alice)).Select(p => p.Event).ToList();
        var entry = Assert.Single((await Db.Messages.GetPageAsync(alice, ct: Ct)).Items);
        Assert.Collection(onAlice,
            e => Assert.Equal(entry, Assert.IsType<NotificationAdded>(e).Item),
            e => Assert.Equal(1, Assert.IsType<UnreadChanged>(e).Count));
        var added = (NotificationAdded)onAlice[0];
        Assert.Equal((alice, comment.Id, "Heat", "Bob", NotificationKind.CommentOnPost, false),
            (added.UserId, added.Item.CommentId, added.Item.PostTitle, added.Item.ActorName, added.Item.Kind, added.Item.IsRead));
        Assert.Empty(Db.Bus.EventsOn<NotificationAdded>(Topics.User(bob)));
    }

    [Fact]
    public async Task AddAsync_SubscriberOfNotificationAdded_FindsTheRowCommitted()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        bool? stored = null;
        using var _ = Db.Bus.Subscribe(Topics.User(alice), async e =>
        {
            if (e is NotificationAdded n) stored = await Db.QueryAsync(db => db.Notifications.AnyAsync(x => x.Id == n.Item.Id, Ct));
        });

        await Db.Comments.AddAsync(bob, new NewComment(post, "Hello"), Ct);

        await Eventually.TrueAsync(() => stored is not null, "the subscriber ran");
        Assert.True(stored);
    }

    [Fact]
    public async Task AddAsync_ReplyToAnotherMembersComment_TellsBothRecipientsTheirOwnKind()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var carol = await Db.AddUserAsync("Carol");
        var post = await Db.AddPostAsync(alice);
        var root = await Db.Comments.AddAsync(bob, new NewComment(post, "Root"), Ct);

        await Db.Comments.AddAsync(carol, new NewComment(post, "Answer", root.Id), Ct);

        var toBob = Assert.Single(Db.Bus.EventsOn<NotificationAdded>(Topics.User(bob)));
        Assert.Equal(NotificationKind.ReplyToComment, toBob.Item.Kind);
        Assert.Equal([NotificationKind.CommentOnPost, NotificationKind.CommentOnPost],
            Db.Bus.EventsOn<NotificationAdded>(Topics.User(alice)).Select(e => e.Item.Kind));
        Assert.Empty(Db.Bus.EventsOn<NotificationAdded>(Topics.User(carol)));
        Assert.Equal(toBob.Item, Assert.Single((await Db.Messages.GetPageAsync(bob, ct: Ct)).Items));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("word ")]
    [InlineData("👍🏽 ")]
    [InlineData("é")]
    public async Task AddAsync_LongBody_ExcerptEqualsThePagesExcerpt(string unit)
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var body = string.Concat(Enumerable.Repeat(unit, 90)).Trim() + "\n\nend";

        await Db.Comments.AddAsync(bob, new NewComment(post, body), Ct);

        var live = Assert.Single(Db.Bus.EventsOn<NotificationAdded>(Topics.User(alice))).Item.Excerpt;
        Assert.Equal(Assert.Single((await Db.Messages.GetPageAsync(alice, ct: Ct)).Items).Excerpt, live);
    }

    [Fact]
    public async Task AddAsync_RecipientReadingTheThread_EntryArrivesAlreadyRead()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        using var reading = Db.Presence.Enter(Places.Post(post), new PresenceMember(alice, "Alice"));

        await Db.Comments.AddAsync(bob, new NewComment(post, "Seen at once"), Ct);

        Assert.True(Assert.Single(Db.Bus.EventsOn<NotificationAdded>(Topics.User(alice))).Item.IsRead);
        Assert.Equal(0, Assert.Single(Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice))).Count);
    }

    [Fact]
    public async Task GetAfterAsync_SeveralMembers_ListsOnlyTheMembersLaterEntriesOldestFirst()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var heat = await Db.AddPostAsync(alice, "Heat");
        var ronin = await Db.AddPostAsync(bob, "Ronin");
        foreach (var text in new[] { "one", "two", "three" })
        {
            await Db.Comments.AddAsync(bob, new NewComment(heat, text), Ct);
            await Db.Comments.AddAsync(alice, new NewComment(ronin, "to bob " + text), Ct);
        }
        var aliceIds = Db.Bus.EventsOn<NotificationAdded>(Topics.User(alice)).Select(e => e.Item.Id).ToList();

        var after = await Db.Messages.GetAfterAsync(alice, aliceIds[0], ct: Ct);

        Assert.Equal(["two", "three"], after.Select(m => m.Excerpt));
        Assert.Equal(aliceIds[1..], after.Select(m => m.Id));
        Assert.Equal(3, (await Db.Messages.GetAfterAsync(alice, 0, ct: Ct)).Count);
        Assert.Empty(await Db.Messages.GetAfterAsync(alice, aliceIds[^1], ct: Ct));
    }
}
