using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Comments;

/// <summary>Who hears about a comment, and what the counters show afterwards.</summary>
public class CommentServiceTests : DatabaseTest
{
    [Fact]
    public async Task AddAsync_CommentOnAnotherMembersPost_NotifiesPostAuthorOnce()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, "  Great heist scene.  "), Ct);

        Assert.Equal("Great heist scene.", comment.Body);
        Assert.Equal("Bob", comment.AuthorName);
        Assert.Null(comment.ParentId);
        var note = Assert.Single(await Db.NotificationsAsync());
        Assert.Equal((alice, bob, NotificationKind.CommentOnPost, post, comment.Id, false),
            (note.RecipientId, note.ActorId, note.Kind, note.PostId, note.CommentId, note.IsRead));
        Assert.Equal(1, await Db.CounterAsync(alice));
        Assert.Equal(1, (await Db.Messages.GetUnreadAsync(alice, Ct)).Count);
        Assert.Equal(0, (await Db.Messages.GetUnreadAsync(bob, Ct)).Count);
    }

    [Fact]
    public async Task AddAsync_CommentOnOwnPost_NotifiesNobody()
    {
        var alice = await Db.AddUserAsync("Alice");
        var post = await Db.AddPostAsync(alice);

        await Db.Comments.AddAsync(alice, new NewComment(post, "Adding a note to my own post."), Ct);

        Assert.Empty(await Db.NotificationsAsync());
        Assert.Equal(0, (await Db.Messages.GetUnreadAsync(alice, Ct)).Count);
        Assert.Empty(Db.Bus.EventsOn<Forum.Data.Realtime.UnreadChanged>(Forum.Data.Realtime.Topics.User(alice)));
    }

    [Fact]
    public async Task AddAsync_ReplyByThirdMember_NotifiesCommentAuthorAndPostAuthor()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var carol = await Db.AddUserAsync("Carol");
        var post = await Db.AddPostAsync(alice);
        var root = await Db.Comments.AddAsync(bob, new NewComment(post, "The diner scene!"), Ct);

        var reply = await Db.Comments.AddAsync(carol, new NewComment(post, "Agreed.", root.Id), Ct);

        Assert.Equal(root.Id, reply.ParentId);
        var notes = (await Db.NotificationsAsync()).Where(n => n.CommentId == reply.Id)
            .Select(n => (n.RecipientId, n.Kind)).OrderBy(n => n.Kind).ToList();
        Assert.Equal([(alice, NotificationKind.CommentOnPost), (bob, NotificationKind.ReplyToComment)], notes);
        Assert.Equal(2, await Db.CounterAsync(alice));
        Assert.Equal(1, await Db.CounterAsync(bob));
        Assert.Equal(0, await Db.CounterAsync(carol));
    }

    [Fact]
    public async Task AddAsync_ReplyToPostAuthorsOwnComment_NotifiesThemOnlyOnce()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var root = await Db.Comments.AddAsync(alice, new NewComment(post, "Which cut did you watch?"), Ct);

        var reply = await Db.Comments.AddAsync(bob, new NewComment(post, "The theatrical one.", root.Id), Ct);

        var note = Assert.Single(await Db.NotificationsAsync());
        Assert.Equal((alice, NotificationKind.ReplyToComment, reply.Id), (note.RecipientId, note.Kind, note.CommentId));
        Assert.Equal(1, await Db.CounterAsync(alice));
    }

    [Fact]
    public async Task AddAsync_PostAuthorRepliesToComment_NotifiesOnlyTheCommentAuthor()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var root = await Db.Comments.AddAsync(bob, new NewComment(post, "Best score of the decade."), Ct);

        var reply = await Db.Comments.AddAsync(alice, new NewComment(post, "Elliot Goldenthal, yes.", root.Id), Ct);

        var note = Assert.Single(await Db.NotificationsAsync(), n => n.CommentId == reply.Id);
        Assert.Equal((bob, NotificationKind.ReplyToComment), (note.RecipientId, note.Kind));
        Assert.Equal(1, await Db.CounterAsync(alice));
        Assert.Equal(1, await Db.CounterAsync(bob));
    }

    [Fact]
    public async Task AddAsync_ReplyToReply_StaysInThreadAndNotifiesRepliedToAuthor()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var carol = await Db.AddUserAsync("Carol");
        var dave = await Db.AddUserAsync("Dave");
        var post = await Db.AddPostAsync(alice);
        var root = await Db.Comments.AddAsync(bob, new NewComment(post, "Root."), Ct);
        var firstReply = await Db.Comments.AddAsync(carol, new NewComment(post, "First reply.", root.Id), Ct);

        var second = await Db.Comments.AddAsync(dave, new NewComment(post, "Answering Carol.", firstReply.Id), Ct);

        Assert.Equal(root.Id, second.ParentId);
        var stored = await Db.CommentQueries.ListForPostAsync(post, Ct);
        Assert.Equal([null, root.Id, root.Id], stored.Select(c => c.ParentId));
        var notes = (await Db.NotificationsAsync()).Where(n => n.CommentId == second.Id)
            .Select(n => (n.RecipientId, n.Kind)).OrderBy(n => n.Kind).ToList();
        Assert.Equal([(alice, NotificationKind.CommentOnPost), (carol, NotificationKind.ReplyToComment)], notes);
    }

    [Fact]
    public async Task AddAsync_SeveralComments_IncreasesPostCommentCount()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var other = await Db.AddPostAsync(alice, "Ronin");

        var root = await Db.Comments.AddAsync(bob, new NewComment(post, "One."), Ct);
        await Db.Comments.AddAsync(alice, new NewComment(post, "Two.", root.Id), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(post, "Three."), Ct);

        Assert.Equal(3, (await Db.PostQueries.GetAsync(post, Ct))!.CommentCount);
        Assert.Equal(0, (await Db.PostQueries.GetAsync(other, Ct))!.CommentCount);
    }
}
