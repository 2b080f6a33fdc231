using Bunit;
using Forum.App.Features.Posts;
using Forum.Data.Comments;
using Forum.Data.Moderation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components.Admin;

/// <summary>A hidden post opens for moderators (to judge its reports) with a banner, and is not found for members.</summary>
public sealed class HiddenPostPageTests : AdminTest
{
    private async Task HideAsync() => await Service<ContentModerationService>().HideAsync(Mod, ContentKind.Post, Post, "Not a film", Ct);

    [Fact]
    public async Task HiddenPost_Moderator_SeesItWithTheBanner_NoReportNoCommentForm()
    {
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Great heist scene."), Ct);
        await HideAsync();

        var page = H.Render<PostPage>(p => p.Add(c => c.Id, Post));

        page.WaitForAssertion(() => Assert.Equal("Heat", page.Find("#post-heading").TextContent));
        Assert.Contains("Hidden by moderators", page.Find("#post-moderated").TextContent);
        Assert.Equal("/admin/content", page.Find("#post-moderated a").GetAttribute("href"));
        Assert.Empty(page.FindAll("article .report-button"));
        // The writer refuses comments on it, so none are offered.
        Assert.Empty(page.FindAll(".comment-form"));
        page.WaitForAssertion(() => Assert.Contains("Great heist scene.", page.Find(".comment").TextContent));
        Assert.Empty(page.FindAll(".reply-button"));
    }

    // One bUnit context has one signed-in member, so each reader is its own test.
    [Fact]
    public async Task HidingWhileOpen_AMemberReading_SeesItRemoved()
    {
        H.SignIn(Bob, "Bob");
        var page = H.Render<PostPage>(p => p.Add(c => c.Id, Post));
        page.WaitForAssertion(() => Assert.Equal("Heat", page.Find("#post-heading").TextContent));

        await HideAsync();

        page.WaitForAssertion(() => Assert.Contains("deleted or hidden while you were reading", page.Find("#post-removed").TextContent));
    }

    [Fact]
    public async Task HidingWhileOpen_AModeratorReading_SeesTheBanner()
    {
        var page = H.Render<PostPage>(p => p.Add(c => c.Id, Post));
        page.WaitForAssertion(() => Assert.Equal("Heat", page.Find("#post-heading").TextContent));
        Assert.Empty(page.FindAll("#post-moderated"));

        await HideAsync();

        page.WaitForAssertion(() => Assert.Contains("Hidden by moderators", page.Find("#post-moderated").TextContent));
        Assert.Empty(page.FindAll("#post-removed"));
    }

    [Fact]
    public async Task HiddenPost_Member_NotFound()
    {
        await HideAsync();
        H.SignIn(Bob, "Bob");
        var notFound = false;
        H.Context.Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound = true;

        var page = H.Render<PostPage>(p => p.Add(c => c.Id, Post));

        page.WaitForAssertion(() => Assert.True(notFound));
        Assert.Empty(page.FindAll("#post-heading"));
    }
}
