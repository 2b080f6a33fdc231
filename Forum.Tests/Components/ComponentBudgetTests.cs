using Bunit;
using Forum.App.Components.Layout;
using Forum.App.Features.Comments;
using Forum.App.Features.Posts;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components;

namespace Forum.Tests.Components;

/// <summary>
/// Every component lives on the server for the whole circuit, so repeated items are markup inside one component
/// per card or row: a card's poster, chips, avatar, link and time add no components of their own.
/// </summary>
public sealed class ComponentBudgetTests : ComponentTest
{
    private IRenderedComponent<MainLayout> RenderInLayout(RenderFragment page)
    {
        H.Context.Renderer.SetRendererInfo(new RendererInfo("Server", true));
        return H.Context.Render<MainLayout>(p => p.Add(l => l.Body, page));
    }

    private static int Components(IRenderedComponent<MainLayout> layout) => layout.FindComponents<IComponent>().Count;

    [Fact]
    public async Task HomePage_TwelveMoreCards_AddNoComponents()
    {
        for (var i = 0; i < 30; i++) await H.Db.AddPostAsync(Bob, $"Film {i}", "Drama");
        var layout = RenderInLayout(b => { b.OpenComponent<HomePage>(0); b.CloseComponent(); });
        layout.WaitForAssertion(() => Assert.Equal(12, layout.FindAll(".post-card").Count));
        var before = Components(layout);

        await layout.ClickAsync("#load-more-posts");
        layout.WaitForAssertion(() => Assert.Equal(24, layout.FindAll(".post-card").Count));

        // Cards are shared markup (PostCardMarkup), not components.
        Assert.Equal(before, Components(layout));
        Assert.Empty(layout.FindComponents<PostCard>());
        Assert.True(before <= 16, $"the home page in its layout takes {before} components");
    }

    [Fact]
    public async Task PostPage_TenMoreComments_AddTenComponents()
    {
        for (var i = 0; i < 10; i++) await H.Db.Comments.AddAsync(Bob, new NewComment(Post, $"Early comment {i}"), Ct);
        var layout = RenderInLayout(b => { b.OpenComponent<PostPage>(0); b.AddAttribute(1, nameof(PostPage.Id), Post); b.CloseComponent(); });
        layout.WaitForAssertion(() => Assert.Equal(10, layout.FindAll(".comment").Count));
        var before = Components(layout);

        for (var i = 0; i < 10; i++) await H.Db.Comments.AddAsync(Bob, new NewComment(Post, $"Live comment {i}"), Ct);
        layout.WaitForAssertion(() => Assert.Equal(20, layout.FindAll(".comment").Count));

        Assert.Equal(before + 10, Components(layout));
        Assert.Equal(20, layout.FindComponents<CommentCard>().Count);
    }

    [Fact]
    public async Task PostPage_ThousandComments_OpensWithOnePageOfCards()
    {
        await ThreadSeed.AddAsync(H.Db.Factory, Post, [Alice, Bob], 1000, H.Db.Clock.GetUtcNow().UtcDateTime, Ct);
        var layout = RenderInLayout(b => { b.OpenComponent<PostPage>(0); b.AddAttribute(1, nameof(PostPage.Id), Post); b.CloseComponent(); });
        layout.WaitForAssertion(() => Assert.Equal(CommentWindow.PageSize, layout.FindAll(".comment").Count));

        Assert.Equal(CommentWindow.PageSize, layout.FindComponents<CommentCard>().Count);
        Assert.True(Components(layout) <= CommentWindow.PageSize + 30, $"{Components(layout)} components");
    }

    [Fact]
    public async Task PostPage_NewComment_RendersItsCardAndLeavesTheOthersAlone()
    {
        for (var i = 0; i < 20; i++) await H.Db.Comments.AddAsync(Bob, new NewComment(Post, $"Early comment {i}"), Ct);
        var layout = RenderInLayout(b => { b.OpenComponent<PostPage>(0); b.AddAttribute(1, nameof(PostPage.Id), Post); b.CloseComponent(); });
        layout.WaitForAssertion(() => Assert.Equal(20, layout.FindAll(".comment").Count));
        var cards = layout.FindComponents<CommentCard>();
        var renders = cards.Select(c => c.RenderCount).ToList();

        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Live comment"), Ct);
        layout.WaitForAssertion(() => Assert.Equal(21, layout.FindAll(".comment").Count));

        // StableComponent: the cards already shown do not render again, so the batch holds the new card and the count.
        Assert.Equal(renders, cards.Select(c => c.RenderCount));
    }
}
