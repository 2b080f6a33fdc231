using System.Text.RegularExpressions;
using Forum.App.Features.Comments;
using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>In a long thread a new comment lands far below the form: the page brings it into view and flashes it.</summary>
public sealed class ThreadFeedbackTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LongThread_NewCommentAndReply_AreScrolledIntoViewAndHighlighted()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var alice = (await app.UserIdAsync("alice"))!;
        var postId = await app.Get<PostService>().CreateAsync(alice, new NewPost("Shoah", 1985, ["Documentary", "History"], "Nine and a half hours of testimony."), Ct);
        var comments = app.Get<CommentService>();
        for (var i = 1; i <= 60; i++) await comments.AddAsync(alice, new NewComment(postId, $"Thought number {i} about the film."), Ct);

        var bob = await browser.SignInAsync("bob");
        var page = await BrowserFixture.OpenAsync(bob, $"/posts/{postId}");
        var last = (await app.Get<CommentQueries>().ListForPostAsync(postId, Ct))[^1];
        await Expect(page.Locator($"#c{last.Id}")).Not.ToBeInViewportAsync();

        await page.Locator(".comment-form textarea").First.FillAsync("The interviews with the barber are unbearable.");
        await page.Locator(".comment-submit").First.ClickAsync();

        var mine = await NewestAsync(postId, last.Id);
        var added = page.Locator($"#c{mine.Id}");
        await Expect(added).ToHaveClassAsync(new Regex("forum-highlight"));
        await Expect(added).ToBeInViewportAsync();

        // A reply, from the top of the thread: it appears under its comment, in view and flashed.
        await page.Locator(".reply-button").Nth(1).ClickAsync();
        await page.Locator(".replies .comment-form textarea").FillAsync("Lanzmann never shows archive footage.");
        await page.Locator(".replies .comment-submit").ClickAsync();

        var reply = await NewestAsync(postId, mine.Id);
        var shown = page.Locator($".replies #c{reply.Id}");
        await Expect(shown).ToHaveClassAsync(new Regex("forum-highlight"));
        await Expect(shown).ToBeInViewportAsync();
        await Expect(added).Not.ToBeInViewportAsync();
    }

    [Fact]
    public async Task LinkToACommentDeepInAThousandCommentThread_LandsOnIt()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var (alice, bob) = ((await app.UserIdAsync("alice"))!, (await app.UserIdAsync("bob"))!);
        var postId = await app.Get<PostService>().CreateAsync(alice, new NewPost("Sátántangó", 1994, ["Drama"], "Seven hours of rain and mud."), Ct);
        var ids = await ThreadSeed.AddAsync(app.Get<IDbContextFactory<ForumDbContext>>(), postId, [alice, bob], 1000, DateTime.UtcNow, Ct);
        var linked = ids[700];

        // The way My messages links to a comment.
        var page = await BrowserFixture.OpenAsync(await browser.SignInAsync("carol"), $"/posts/{postId}#c{linked}");

        await Expect(page.Locator($"#c{linked}")).ToBeInViewportAsync();
        Assert.InRange(await page.Locator(".comment").CountAsync(), 1, CommentWindow.PageSize);
        await Expect(page.Locator("#comment-count")).ToHaveTextAsync("1000 comments");
    }

    private async Task<CommentView> NewestAsync(int postId, int after)
    {
        for (var i = 0; i < 100; i++)
        {
            var newest = (await browser.App.Get<CommentQueries>().ListForPostAsync(postId, Ct)).MaxBy(c => c.Id)!;
            if (newest.Id > after) return newest;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException("The comment was not stored.");
    }
}
