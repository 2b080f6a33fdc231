using Bunit;
using Forum.App.Features.Comments;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components;

public sealed class CommentThreadTests : ComponentTest
{
    [Fact]
    public async Task CommentThread_OthersComment_AppearsLiveUnderTheRightParent()
    {
        var top = await H.Db.Comments.AddAsync(Alice, new NewComment(Post, "Opening thought"), Ct);
        var thread = H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".comment")));

        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "A reply from Bob", top.Id), Ct);
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "A new comment from Bob"), Ct);

        thread.WaitForAssertion(() => Assert.Equal(3, thread.FindAll(".comment").Count));
        Assert.Contains("A reply from Bob", thread.Find(".replies").TextContent);
        Assert.Equal("3 comments", thread.Find("#comment-count").TextContent);
    }

    [Fact]
    public async Task CommentThread_OwnNewCommentAndReply_AreScrolledIntoViewAndFlashed()
    {
        var top = await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Bob starts"), Ct);
        var thread = H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".comment")));

        await thread.ChangeAsync(".comment-form textarea", "Alice's own comment");
        await thread.ClickAsync(".comment-submit");
        thread.WaitForAssertion(() => Assert.Equal(2, thread.FindAll(".comment").Count));
        var comment = (await H.Db.CommentQueries.ListForPostAsync(Post, Ct))[^1];
        // The card can arrive by the live event before the submit's own answer asks for the scroll: give it time under load.
        thread.WaitForAssertion(() => Assert.Contains(ScrolledTo(), id => id == $"c{comment.Id}"), TimeSpan.FromSeconds(10));

        await thread.ClickAsync(".reply-button");
        await thread.ChangeAsync(".replies textarea", "Alice answers");
        await thread.ClickAsync(".replies .comment-submit");
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".replies .comment")));
        var reply = (await H.Db.CommentQueries.ListForPostAsync(Post, Ct))[^1];
        Assert.Equal(top.Id, reply.ParentId);
        // The card can arrive by the live event before the submit's own answer asks for the scroll: give it time under load.
        thread.WaitForAssertion(() => Assert.Contains(ScrolledTo(), id => id == $"c{reply.Id}"), TimeSpan.FromSeconds(10));
    }

    private IEnumerable<string?> ScrolledTo() =>
        H.Context.JSInterop.Invocations.Where(i => i.Identifier == "forum.scrollToId").Select(i => i.Arguments[0] as string);

    [Fact]
    public async Task CommentThread_OtherPostsComment_IsNotShown()
    {
        var other = await H.Db.AddPostAsync(Alice, "Ronin");
        var thread = H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));
        await H.Db.Comments.AddAsync(Bob, new NewComment(other, "Wrong thread"), Ct);
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Right thread"), Ct);

        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".comment")));
        Assert.DoesNotContain("Wrong thread", thread.Markup);
    }

    [Fact]
    public async Task CommentThread_ReplyToAReply_NotifiesThePersonAnswered()
    {
        var carol = await H.Db.AddUserAsync("Carol");
        var top = await H.Db.Comments.AddAsync(carol, new NewComment(Post, "Top comment by Carol"), Ct);
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Bob answers Carol", top.Id), Ct);
        var thread = H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));
        thread.WaitForAssertion(() => Assert.Equal(2, thread.FindAll(".comment").Count));

        thread.FindAll(".reply-button")[1].Click(); // Alice answers Bob's reply
        Assert.Contains("Reply to Bob Chen", thread.Find(".replies .comment-form").TextContent);
        await thread.ChangeAsync(".replies textarea", "Alice answers Bob");
        await thread.ClickAsync(".replies .comment-submit");

        thread.WaitForAssertion(() => Assert.Equal(3, thread.FindAll(".replies .comment").Count + 1));
        var last = (await H.Db.NotificationsAsync())[^1];
        Assert.Equal(Bob, last.RecipientId);
        Assert.Equal(Forum.Data.Messages.NotificationKind.ReplyToComment, last.Kind);
    }
}
