using System.Text.RegularExpressions;
using Forum.App.Components.Shared;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>Relative times: one wording on both sides, kept current by forum.js, with the reader's local time on hover.</summary>
public sealed class RelativeTimeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TimeWording_BrowserAndServer_AgreeOnSampleAges()
    {
        var context = await browser.RequireBrowser().NewContextAsync(new() { BaseURL = browser.BaseUrl });
        var page = await BrowserFixture.OpenAsync(context, "/");
        var now = new DateTime(2026, 3, 14, 12, 0, 0, DateTimeKind.Utc);
        long[] ages = [0, 59, 60, 61, 3599, 3600, 7199, 86399, 86400, 29 * 86400 + 86399, 30 * 86400, 400 * 86400, -120];

        foreach (var seconds in ages)
        {
            var utc = now.AddSeconds(-seconds);
            var browserText = await page.EvaluateAsync<string>("([utc, now]) => forum.timeText(utc, now)",
                new[] { new DateTimeOffset(utc).ToUnixTimeMilliseconds(), new DateTimeOffset(now).ToUnixTimeMilliseconds() });
            Assert.Equal(TimeText.Describe(utc, now), browserText);
        }
    }

    [Fact]
    public async Task RelativeTime_MinutesLater_MovesOnInPlaceAndShowsTheLocalTime()
    {
        var app = browser.App;
        var alice = (await app.UserIdAsync("alice"))!;
        var postId = await app.Get<PostService>().CreateAsync(alice, new NewPost("Rope", 1948, ["Thriller"], "One apartment, one evening, a chest in the middle of the room."), Ct);
        var comment = await app.Get<CommentService>().AddAsync((await app.UserIdAsync("bob"))!, new NewComment(postId, "Filmed to look like a single take."), Ct);

        var context = await browser.RequireBrowser().NewContextAsync(new() { BaseURL = browser.BaseUrl, TimezoneId = "Asia/Tokyo", Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync(new() { TimeDate = DateTime.UtcNow });
        await page.GotoAsync($"/posts/{postId}");
        await page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached });
        var time = page.Locator($"#c{comment.Id} time.forum-time");
        await Expect(time).ToHaveTextAsync("just now");
        await time.EvaluateAsync("el => window.renderedNode = el.firstChild");

        await page.Clock.FastForwardAsync("05:00"); // the page's one timer fires

        await Expect(time).ToHaveTextAsync("5 min ago");
        // The same text node Blazor rendered (and still refers to), not a replacement.
        Assert.True(await time.EvaluateAsync<bool>("el => el.firstChild === window.renderedNode && el.childNodes.length === 1"));
        var local = await time.EvaluateAsync<string>("el => new Date(el.dateTime).toLocaleString()");
        await Expect(time).ToHaveAttributeAsync("title", local);
        Assert.DoesNotMatch(new Regex("UTC"), local);
    }
}
