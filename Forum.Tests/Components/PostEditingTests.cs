using Bunit;
using Forum.App.Features.Posts;
using Forum.Data.Comments;
using Forum.Data.Posts;
using PostPage = Forum.App.Features.Posts.PostPage;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Forum.Tests.Components;

/// <summary>The author's edit and delete on the post page and the editor; readers' pages follow live.</summary>
public sealed class PostEditingTests : ComponentTest
{
    private NavigationManager Nav => H.Context.Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<PostPage> RenderPost() => H.Render<PostPage>(p => p.Add(c => c.Id, Post));

    [Fact]
    public void PostPage_AuthorBeforeOthersComment_OffersEditAndDelete()
    {
        var page = RenderPost();

        page.WaitForAssertion(() => Assert.Equal($"/posts/{Post}/edit", page.Find("#edit-post").GetAttribute("href")));
        Assert.Single(page.FindAll("#delete-post"));
    }

    [Fact]
    public async Task PostPage_SomeoneElseComments_TheAuthorsToolsGoAwayLive()
    {
        var page = RenderPost();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#edit-post")));

        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Joining in."), Ct);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#edit-post")));
    }

    [Fact]
    public void PostPage_OtherReader_GetsNoTools()
    {
        H.SignIn(Bob, "Bob Chen");
        var page = RenderPost();

        page.WaitForAssertion(() => Assert.Contains("Heat", page.Find("h1").TextContent));
        Assert.Empty(page.FindAll("#edit-post, #delete-post"));
    }

    [Fact]
    public async Task PostPage_AuthorEditsOrDeletesElsewhere_ReaderSeesItLive()
    {
        H.SignIn(Bob, "Bob Chen");
        var page = RenderPost();
        page.WaitForAssertion(() => Assert.Equal("Heat", page.Find("h1").TextContent));

        await H.Db.Posts.EditAsync(Alice, Post, new NewPost("Heat (director's cut)", 1995, ["Crime"], "Longer."), Ct);
        page.WaitForAssertion(() => Assert.Equal("Heat (director's cut)", page.Find("h1").TextContent));
        Assert.Single(page.FindAll(".post-edited"));

        await H.Db.Posts.DeleteAsync(Alice, Post, Ct);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#post-removed")));
    }

    [Fact]
    public async Task PostPage_DeleteConfirmed_PostIsGoneAndTheAuthorIsSentHome()
    {
        var dialogs = H.Context.Render<MudDialogProvider>();
        var page = RenderPost();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#delete-post")));

        await page.ClickAsync("#delete-post");
        dialogs.WaitForAssertion(() => Assert.Contains("Delete this post?", dialogs.Markup));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/", Nav.Uri));
        Assert.Null(await H.Db.PostQueries.GetAsync(Post, Ct));
    }

    [Fact]
    public async Task Editor_OwnPost_IsFilledInAndSavesTheChange()
    {
        var editor = H.Render<PostEditorPage>(p => p.Add(c => c.Id, Post));
        editor.WaitForAssertion(() => Assert.Equal("Heat", editor.Find("#post-title").GetAttribute("value")));
        Assert.Equal("Edit your post", editor.Find("h1").TextContent);

        await editor.ChangeAsync("#post-title", "Heat (1995)");
        await editor.SubmitAsync("form");

        editor.WaitForAssertion(() => Assert.EndsWith($"/posts/{Post}", Nav.Uri));
        var post = (await H.Db.PostQueries.GetAsync(Post, Ct))!;
        Assert.Equal("Heat (1995)", post.Title);
        Assert.NotNull(post.EditedAt);
    }

    [Fact]
    public async Task Editor_SomeoneElsesOrADiscussedPost_SaysWhyAndShowsNoForm()
    {
        H.SignIn(Bob, "Bob Chen");
        var notMine = H.Render<PostEditorPage>(p => p.Add(c => c.Id, Post));
        notMine.WaitForAssertion(() => Assert.Contains("your own posts", notMine.Find("#post-closed").TextContent));
        Assert.Empty(notMine.FindAll("form"));

        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "First!"), Ct);
        H.SignIn(Alice, "Alice");
        // One page at a time, as in a tab: the editor brings its own popover provider, and a circuit holds one.
        await H.Context.DisposeComponentsAsync();
        var discussed = H.Render<PostEditorPage>(p => p.Add(c => c.Id, Post));
        discussed.WaitForAssertion(() => Assert.Contains("joined the discussion", discussed.Find("#post-closed").TextContent));
    }
}
