using Bunit;
using Forum.App.Features.Comments;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components;

/// <summary>
/// A long thread is shown a page at a time (CommentWindow): the circuit keeps at most a page of cards whatever the
/// thread's length, links to a comment still open on it, and live comments past the page only move a count.
/// </summary>
public sealed class CommentThreadPagingTests : ComponentTest
{
    private const int Long = 120;

    private async Task<IReadOnlyList<int>> LongThreadAsync() =>
        await ThreadSeed.AddAsync(H.Db.Factory, Post, [Alice, Bob], Long, H.Db.Clock.GetUtcNow().UtcDateTime, Ct);

    private IRenderedComponent<CommentThread> RenderThread() => H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));

    [Fact]
    public async Task LongThread_OpensWithOnePage_AndShowsTheRestOnRequest()
    {
        await LongThreadAsync();
        var thread = RenderThread();
        thread.WaitForAssertion(() => Assert.Equal(CommentWindow.PageSize, thread.FindAll(".comment").Count));
        Assert.Equal($"{Long} comments", thread.Find("#comment-count").TextContent);
        Assert.Equal($"Show {Long - CommentWindow.PageSize} more comments", thread.Find("#show-later").TextContent);
        Assert.Empty(thread.FindAll("#show-earlier"));
        Assert.Equal(CommentWindow.PageSize, thread.FindComponents<CommentCard>().Count);

        await thread.ClickAsync("#show-later");
        thread.WaitForAssertion(() => Assert.Equal(2 * CommentWindow.PageSize, thread.FindAll(".comment").Count));
        await thread.ClickAsync("#show-later");
        thread.WaitForAssertion(() => Assert.Equal(Long, thread.FindAll(".comment").Count));
        Assert.Empty(thread.FindAll("#show-later"));
    }

    [Fact]
    public async Task LinkToACommentPastTheFirstPage_OpensThePageWithIt()
    {
        var ids = await LongThreadAsync();
        var linked = ids[100];
        H.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/posts/{Post}#c{linked}");

        var thread = RenderThread();

        thread.WaitForAssertion(() => Assert.Single(thread.FindAll($"#c{linked}")));
        Assert.True(thread.FindAll(".comment").Count <= CommentWindow.PageSize);
        Assert.StartsWith("Show ", thread.Find("#show-earlier").TextContent);
        thread.WaitForAssertion(() => Assert.Contains(H.Context.JSInterop.Invocations,
            i => i.Identifier == "forum.scrollToId" && (string?)i.Arguments[0] == $"c{linked}"));

        await thread.ClickAsync("#show-earlier");
        thread.WaitForAssertion(() => Assert.True(thread.FindAll(".comment").Count > CommentWindow.PageSize));
        Assert.Single(thread.FindAll($"#c{linked}"));
    }

    [Fact]
    public async Task OthersComment_PastTheShownPage_MovesOnlyTheCounts()
    {
        await LongThreadAsync();
        var thread = RenderThread();
        thread.WaitForAssertion(() => Assert.Equal(CommentWindow.PageSize, thread.FindAll(".comment").Count));

        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Late to the party"), Ct);

        thread.WaitForAssertion(() => Assert.Equal($"{Long + 1} comments", thread.Find("#comment-count").TextContent));
        Assert.Equal($"Show {Long + 1 - CommentWindow.PageSize} more comments", thread.Find("#show-later").TextContent);
        Assert.Equal(CommentWindow.PageSize, thread.FindAll(".comment").Count);
        Assert.DoesNotContain("Late to the party", thread.Markup);
    }

    [Fact]
    public async Task OwnComment_PastTheShownPage_ShowsTheLastPageWithItInView()
    {
        await LongThreadAsync();
        var thread = RenderThread();
        thread.WaitForAssertion(() => Assert.Equal(CommentWindow.PageSize, thread.FindAll(".comment").Count));

        await thread.ChangeAsync(".comment-form textarea", "My own late thought");
        await thread.ClickAsync(".comment-submit");

        // The submit returns once the node's comment writer has committed it, on its own thread: wait for the page.
        thread.WaitForAssertion(() => Assert.Contains(thread.FindAll(".comment"), c => c.TextContent.Contains("My own late thought")),
            TimeSpan.FromSeconds(10));
        var mine = (await H.Db.CommentQueries.ListForPostAsync(Post, Ct))[^1];
        Assert.Equal("My own late thought", mine.Body);
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll($"#c{mine.Id}")));
        Assert.True(thread.FindAll(".comment").Count <= CommentWindow.PageSize);
        Assert.Empty(thread.FindAll("#show-later"));
        thread.WaitForAssertion(() => Assert.Contains(H.Context.JSInterop.Invocations,
            i => i.Identifier == "forum.scrollToId" && (string?)i.Arguments[0] == $"c{mine.Id}"), TimeSpan.FromSeconds(10));
    }
}
