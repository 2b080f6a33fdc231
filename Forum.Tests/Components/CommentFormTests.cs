using Bunit;
using Forum.App.Features.Comments;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Web;

namespace Forum.Tests.Components;

public sealed class CommentFormTests : IAsyncLifetime
{
    private ComponentHarness _h = null!;
    private string _alice = "", _bob = "";
    private int _post;

    public async ValueTask InitializeAsync()
    {
        _h = await ComponentHarness.CreateAsync();
        _alice = await _h.Db.AddUserAsync("Alice");
        _bob = await _h.Db.AddUserAsync("Bob");
        _post = await _h.Db.AddPostAsync(_alice);
        _h.SignIn(_bob, "Bob");
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private Task<IReadOnlyList<CommentView>> StoredAsync() => _h.Db.CommentQueries.ListForPostAsync(_post, Xunit.TestContext.Current.CancellationToken);

    [Fact]
    public async Task CommentForm_WhitespaceOnly_ShowsMessageAndPostsNothing()
    {
        var form = _h.Render<CommentForm>(p => p.Add(c => c.PostId, _post));
        form.Find("textarea").Input("   ");
        form.Find(".comment-submit").Click();

        form.WaitForAssertion(() => Assert.Contains("the comment is empty", form.Markup));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task CommentForm_ValidText_PostsOnceClearsAndReports()
    {
        CommentView? posted = null;
        var form = _h.Render<CommentForm>(p => p.Add(c => c.PostId, _post).Add(c => c.OnPosted, c => posted = c));
        form.Find("textarea").Input("Great heist film.");
        form.Find(".comment-submit").Click();

        form.WaitForAssertion(() => Assert.NotNull(posted));
        Assert.Equal("Great heist film.", Assert.Single(await StoredAsync()).Body);
        Assert.Equal("", form.Find("textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task CommentForm_DoubleClick_StoresExactlyOneComment()
    {
        var form = _h.Render<CommentForm>(p => p.Add(c => c.PostId, _post));
        form.Find("textarea").Input("Clicked twice.");
        var button = form.Find(".comment-submit");
        var first = button.ClickAsync(new MouseEventArgs());
        var second = button.ClickAsync(new MouseEventArgs());
        await Task.WhenAll(first, second);

        form.WaitForAssertion(() => Assert.Single(StoredAsync().Result));
    }

    [Fact]
    public async Task CommentForm_ReplyToCommentOfAnotherPost_ShowsRuleMessage()
    {
        var otherPost = await _h.Db.AddPostAsync(_alice, "Ronin");
        var foreign = await _h.Db.Comments.AddAsync(_alice, new NewComment(otherPost, "elsewhere"), Xunit.TestContext.Current.CancellationToken);
        var form = _h.Render<CommentForm>(p => p.Add(c => c.PostId, _post).Add(c => c.ParentId, foreign.Id));
        form.Find("textarea").Input("Misplaced reply");
        form.Find(".comment-submit").Click();

        form.WaitForAssertion(() => Assert.Contains("same post", form.Markup));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public void CommentForm_Anonymous_OffersLogIn()
    {
        _h.SignOut();
        var form = _h.Render<CommentForm>(p => p.Add(c => c.PostId, _post));
        Assert.NotNull(form.Find("#login-to-comment"));
        Assert.Empty(form.FindAll("textarea"));
    }
}
