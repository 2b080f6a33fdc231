using Bunit;
using Forum.App.Features.Comments;
using Forum.App.Components.Shared;
using Forum.App.Features.Posts;
using Forum.Data.Posts;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components;

public sealed class PostPagesTests : ComponentTest
{
    private NavigationManager Nav => H.Context.Services.GetRequiredService<NavigationManager>();

    private async Task AddPostsAsync(int count, string genre)
    {
        for (var i = 1; i <= count; i++)
        {
            H.Db.Clock.Advance(TimeSpan.FromMinutes(1));
            await H.Db.AddPostAsync(Bob, $"{genre} film {i}", genre);
        }
    }

    [Fact]
    public async Task HomePage_LoadMore_ShowsEveryPostOnceNewestFirst()
    {
        await AddPostsAsync(14, "Western"); // with "Heat": 15 posts, a page holds 12
        var home = H.Render<HomePage>();
        home.WaitForAssertion(() => Assert.Equal(12, home.FindAll(".post-card").Count));
        Assert.Equal("Western film 14", home.FindAll(".post-title")[0].TextContent);

        await home.ClickAsync("#load-more-posts");

        home.WaitForAssertion(() => Assert.Equal(15, home.FindAll(".post-card").Count));
        Assert.Equal(15, home.FindAll(".post-card").Select(c => c.GetAttribute("data-post-id")).Distinct().Count());
        Assert.Empty(home.FindAll("#load-more-posts"));
    }

    [Fact]
    public async Task HomePage_GenreAndMostDiscussed_FilterAndOrder()
    {
        await AddPostsAsync(3, "Western");
        var busiest = (await H.Db.PostQueries.ListAsync(new(Genre: "Western"), Ct)).Items[^1];
        await H.Db.Comments.AddAsync(Alice, new NewComment(busiest.Id, "Talked about"), Ct);
        Nav.NavigateTo("/?sort=discussed&genre=Western");

        var home = H.Render<HomePage>();

        home.WaitForAssertion(() => Assert.Equal(3, home.FindAll(".post-card").Count));
        Assert.Equal(busiest.Title, home.FindAll(".post-title")[0].TextContent);
        Assert.DoesNotContain("Heat", home.Markup);
    }

    [Fact]
    public async Task HomePage_ChosenSortAndGenre_AreMarkedCurrent()
    {
        await AddPostsAsync(1, "Western");
        Nav.NavigateTo("/?sort=discussed&genre=Western");

        var home = H.Render<HomePage>();

        home.WaitForAssertion(() => Assert.Single(home.FindAll(".post-card")));
        Assert.Equal("page", home.Find("#sort-discussed").GetAttribute("aria-current"));
        Assert.Null(home.Find("#sort-newest").GetAttribute("aria-current"));
        var current = Assert.Single(home.FindAll("#genre-filter a[aria-current]"));
        Assert.Equal("Western", current.TextContent);
        Assert.Equal("/?sort=discussed", home.FindAll("#genre-filter a")[0].GetAttribute("href")); // All genres keeps the sort
        Assert.Equal("/?genre=Western", home.Find("#sort-newest").GetAttribute("href"));             // Newest keeps the genre
        Assert.Equal("Western movies", home.Find("h1").TextContent);
    }

    [Fact]
    public void PostCard_SameDataAgain_DoesNotRenderAgain()
    {
        var post = new PostSummary(7, "Heat", 1995, "Crime", "LA, 1995.", "Bob Chen", "bob", 5, DateTime.UtcNow);
        var card = H.Render<PostCard>(p => p.Add(c => c.Post, post));

        card.Render(p => p.Add(c => c.Post, post with { }));
        Assert.Equal(1, card.RenderCount);

        card.Render(p => p.Add(c => c.Post, post with { CommentCount = 6 }));
        Assert.Equal(2, card.RenderCount);
        Assert.Contains("6 comments", card.Markup);
    }

    [Fact]
    public void PostCard_Author_LinksToTheirProfile()
    {
        var card = H.Render<PostCard>(p => p.Add(c => c.Post,
            new PostSummary(7, "Heat", 1995, "Crime", "LA, 1995.", "Bob Chen", "bob.chen+films", 0, DateTime.UtcNow)));
        var author = card.Find(".post-author");
        Assert.Equal("Bob Chen", author.TextContent);
        Assert.Equal("/u/bob.chen%2Bfilms", author.GetAttribute("href"));
    }

    [Fact]
    public void CommentCard_Author_LinksToTheirProfileWithTheirOwnColour()
    {
        var card = H.Render<CommentCard>(p => p.Add(c => c.Comment,
            new CommentView(1, Post, null, Bob, "Bob Chen", "bob", "Good film.", DateTime.UtcNow)));
        Assert.Equal("/u/bob", card.Find(".comment-author").GetAttribute("href"));
        Assert.Contains(Members.ColourClass("bob"), card.Find(".forum-avatar").ClassList);
        Assert.Equal("B", card.Find(".forum-avatar").TextContent);
    }

    [Fact]
    public void CommentCard_ShowsMarkupAsText()
    {
        var card = H.Render<CommentCard>(p => p.Add(c => c.Comment,
            new CommentView(1, Post, null, Bob, "<b>Bob</b>", "bob", "<img src=x onerror=alert(1)>", DateTime.UtcNow)));
        Assert.Empty(card.FindAll("img"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", card.Markup);
    }
}
