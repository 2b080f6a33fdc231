using Bunit;
using Forum.App.Features.Profiles;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components;

public sealed class ProfilePageTests : ComponentTest
{
    private Task<string> UserNameAsync(string userId) =>
        H.Db.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.UserName!).SingleAsync(Ct));

    private async Task<IRenderedComponent<ProfilePage>> RenderAsync(string userId)
    {
        var userName = await UserNameAsync(userId);
        var page = H.Render<ProfilePage>(p => p.Add(c => c.UserName, userName));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#profile-name")));
        return page;
    }

    [Fact]
    public async Task ProfilePage_Member_ShowsWhoTheyAreAndLinksTheirPostsAndComments()
    {
        var comment = await H.Db.Comments.AddAsync(Alice, new NewComment(Post, "Pacino and De Niro at the diner"), Ct);
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Not Alice's"), Ct);

        var page = await RenderAsync(Alice);

        Assert.Equal("Alice", page.Find("h1").TextContent);
        Assert.Equal("1 post", page.Find("#profile-post-count").TextContent);
        Assert.Equal("1 comment", page.Find("#profile-comment-count").TextContent);
        Assert.Equal($"/posts/{Post}", page.Find(".post-card .post-title").GetAttribute("href"));
        var link = page.Find(".profile-comment-link");
        Assert.Equal($"/posts/{Post}#c{comment.Id}", link.GetAttribute("href"));
        Assert.Equal("Heat", link.TextContent);
        Assert.Contains("Pacino and De Niro", page.Find(".profile-comment-excerpt").TextContent);
        Assert.DoesNotContain("Not Alice's", page.Markup);
    }

    [Fact]
    public async Task ProfilePage_LoadMoreComments_AppendsEachPageOnceUntilTheEnd()
    {
        for (var i = 1; i <= 23; i++) await H.Db.Comments.AddAsync(Bob, new NewComment(Post, $"Bob's comment {i}"), Ct);
        var page = await RenderAsync(Bob);
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll(".profile-comment").Count));
        Assert.Contains("Bob's comment 23", page.FindAll(".profile-comment")[0].TextContent);

        await page.ClickAsync("#load-more-profile-comments");
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll(".profile-comment").Count));
        await page.ClickAsync("#load-more-profile-comments");
        page.WaitForAssertion(() => Assert.Equal(23, page.FindAll(".profile-comment").Count));

        Assert.Empty(page.FindAll("#load-more-profile-comments"));
        Assert.Equal(23, page.FindAll(".profile-comment").Select(c => c.GetAttribute("data-comment-id")).Distinct().Count());
        Assert.Contains("Bob's comment 1", page.FindAll(".profile-comment")[^1].TextContent);
        Assert.Contains("has not posted a movie yet", page.Markup);
    }

    [Fact]
    public void ProfilePage_UnknownMember_AsksForTheNotFoundPage()
    {
        var notFound = false;
        H.Context.Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound = true;

        var page = H.Render<ProfilePage>(p => p.Add(c => c.UserName, "nobody-at-all"));

        page.WaitForAssertion(() => Assert.True(notFound));
        Assert.Empty(page.FindAll("h1"));
    }
}
