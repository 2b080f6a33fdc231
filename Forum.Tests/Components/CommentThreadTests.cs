using Bunit;
using Forum.App.Features.Comments;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components;

public sealed class CommentThreadTests : IAsyncLifetime
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
        _h.SignIn(_alice, "Alice");
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task CommentThread_OthersComment_AppearsLiveUnderTheRightParent()
    {
        var top = await _h.Db.Comments.AddAsync(_alice, new NewComment(_post, "Opening thought"), Xunit.TestContext.Current.CancellationToken);
        var thread = _h.Render<CommentThread>(p => p.Add(c => c.PostId, _post));
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".comment")));

        await _h.Db.Comments.AddAsync(_bob, new NewComment(_post, "A reply from Bob", top.Id), Xunit.TestContext.Current.CancellationToken);
        await _h.Db.Comments.AddAsync(_bob, new NewComment(_post, "A new comment from Bob"), Xunit.TestContext.Current.CancellationToken);

        thread.WaitForAssertion(() => Assert.Equal(3, thread.FindAll(".comment").Count));
        Assert.Contains("A reply from Bob", thread.Find(".replies").TextContent);
        Assert.Equal("3 comments", thread.Find("#comment-count").TextContent);
    }

    [Fact]
    public async Task CommentThread_OtherPostsComment_IsNotShown()
    {
        var other = await _h.Db.AddPostAsync(_alice, "Ronin");
        var thread = _h.Render<CommentThread>(p => p.Add(c => c.PostId, _post));
        await _h.Db.Comments.AddAsync(_bob, new NewComment(other, "Wrong thread"), Xunit.TestContext.Current.CancellationToken);
        await _h.Db.Comments.AddAsync(_bob, new NewComment(_post, "Right thread"), Xunit.TestContext.Current.CancellationToken);

        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".comment")));
        Assert.DoesNotContain("Wrong thread", thread.Markup);
    }
}
