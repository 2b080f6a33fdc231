using Bunit;
using Forum.App.Features.Comments;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Web;

namespace Forum.Tests.Components;

public sealed class CommentFormTests : ComponentTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        H.SignIn(Bob, "Bob");
    }

    private Task<IReadOnlyList<CommentView>> StoredAsync() => H.Db.CommentQueries.ListForPostAsync(Post, Ct);

    [Fact]
    public async Task CommentForm_WhitespaceOnly_ShowsMessageAndPostsNothing()
    {
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));
        form.Find("textarea").Input("   ");
        form.Find(".comment-submit").Click();

        form.WaitForAssertion(() => Assert.Contains("the comment is empty", form.Markup));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task CommentForm_ValidText_PostsOnceClearsAndReports()
    {
        CommentView? posted = null;
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post).Add(c => c.OnPosted, c => posted = c));
        form.Find("textarea").Input("Great heist film.");
        form.Find(".comment-submit").Click();

        form.WaitForAssertion(() => Assert.NotNull(posted));
        Assert.Equal("Great heist film.", Assert.Single(await StoredAsync()).Body);
        Assert.Equal("", form.Find("textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task CommentForm_DoubleClick_StoresOneCommentAndShowsNoError()
    {
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));
        form.Find("textarea").Input("Clicked twice.");
        var button = form.Find(".comment-submit");
        var first = button.ClickAsync(new MouseEventArgs());
        var second = button.ClickAsync(new MouseEventArgs());
        await Task.WhenAll(first, second);

        Assert.Single(await StoredAsync());
        Assert.DoesNotContain("the comment is empty", form.Markup);
    }

    [Fact]
    public async Task CommentForm_ReplyToCommentOfAnotherPost_ShowsRuleMessage()
    {
        var otherPost = await H.Db.AddPostAsync(Alice, "Ronin");
        var foreign = await H.Db.Comments.AddAsync(Alice, new NewComment(otherPost, "elsewhere"), Ct);
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post).Add(c => c.ParentId, foreign.Id));
        form.Find("textarea").Input("Misplaced reply");
        form.Find(".comment-submit").Click();

        form.WaitForAssertion(() => Assert.Contains("same post", form.Markup));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public void CommentForm_Anonymous_OffersLogIn()
    {
        H.SignOut();
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));
        Assert.NotNull(form.Find("#login-to-comment"));
        Assert.Empty(form.FindAll("textarea"));
    }
}
