using System.Text.RegularExpressions;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>
/// What only a browser proves about long text: it crosses the circuit in any script (a 10,000-character post in Chinese
/// is 60 KB on the wire), the counter counts what a reader sees, and a draft survives a reload until it is stored.
/// </summary>
public sealed partial class LongTextTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> LongBodies => new()
    {
        { "Chinese", string.Concat(Enumerable.Repeat("电影讲述了一群职业盗贼与追捕他们的洛杉矶警探之间的较量。", 400))[..PostRules.BodyMax] },
        { "emoji", string.Concat(Enumerable.Range(0, 5_000).Select(i => new[] { "🎬", "👍🏽", "🇫🇷", "❤️", "🍿", "👩‍💻" }[i % 6])) },
    };

    [Theory]
    [MemberData(nameof(LongBodies))]
    public async Task NewPost_LongTextInAnyScript_IsPublishedAndShownWhole(string script, string body)
    {
        var alice = await browser.SignInAsync("alice");
        var page = await BrowserFixture.OpenAsync(alice, "/posts/new");
        var title = $"Heat ({script})";

        await FillPostAsync(page, title, "1995", "Crime", body);
        var count = script == "emoji" ? "5,000 / 10,000" : "10,000 / 10,000";
        await Expect(page.Locator(".rule-text-counter").Last).ToHaveTextAsync(count);
        await page.Locator("#post-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(PostUrl());
        await Expect(page.Locator("#post-heading")).ToHaveTextAsync(title);
        await Expect(page.Locator(".forum-body")).ToHaveTextAsync(body);
        var id = int.Parse(PostUrl().Match(page.Url).Groups[1].Value);
        Assert.Equal(body, (await browser.App.Get<PostQueries>().GetAsync(id, Ct))!.Body);
    }

    [Fact]
    public async Task NewPost_Draft_SurvivesAReloadAndIsGoneOncePublished()
    {
        var bob = await browser.SignInAsync("bob");
        var page = await BrowserFixture.OpenAsync(bob, "/posts/new");
        var body = string.Concat(Enumerable.Repeat("去年在马里昂巴德。", 300));
        await FillPostAsync(page, "L'Année dernière à Marienbad", "1961", "Drama", body);

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached });

        await Expect(page.Locator("#post-title")).ToHaveValueAsync("L'Année dernière à Marienbad");
        await Expect(page.Locator("#post-year")).ToHaveValueAsync("1961");
        await Expect(page.Locator("#post-genres")).ToHaveValueAsync("Drama");
        await Expect(page.Locator("#post-body")).ToHaveValueAsync(body);
        await page.Locator("#post-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(PostUrl());

        var again = await BrowserFixture.OpenAsync(bob, "/posts/new");
        await Expect(again.Locator("#post-body")).ToHaveValueAsync("");
        await Expect(again.Locator("#post-title")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task Comment_DraftOfEmoji_SurvivesAReloadIsSentOnceAndCleared()
    {
        var carol = await browser.SignInAsync("carol");
        var postId = await browser.App.Get<PostService>().CreateAsync(await browser.App.UserIdAsync("dave"),
            new NewPost("Amélie", 2001, ["Comedy", "Romance"], "A shy waitress decides to change the lives of those around her."), Ct);
        var page = await BrowserFixture.OpenAsync(carol, $"/posts/{postId}");
        var comment = string.Concat(Enumerable.Repeat("🎬", 1_001)); // 2,002 UTF-16 units: the old maxlength cut it
        await page.Locator(".comment-form textarea").FillAsync(comment);
        await Expect(page.Locator(".comment-form .rule-text-counter")).ToHaveTextAsync("1,001 / 2,000");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator(".comment-form textarea")).ToHaveValueAsync(comment);
        await page.Locator(".comment-submit").ClickAsync();

        await Expect(page.Locator(".comment-body", new() { HasText = "🎬🎬🎬" })).ToHaveTextAsync(comment);
        await Expect(page.Locator(".comment-form textarea")).ToHaveValueAsync("");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator(".comment-form textarea")).ToHaveValueAsync("");
        Assert.Equal(comment, Assert.Single(await browser.App.Get<CommentQueries>().ListForPostAsync(postId, Ct)).Body);
    }

    private static async Task FillPostAsync(IPage page, string title, string year, string genre, string body)
    {
        await page.Locator("#post-title").FillAsync(title);
        await page.Locator("#post-year").FillAsync(year);
        await page.Locator("#post-body").FillAsync(body);
        // Genres last: closing the list hands focus back to the select a moment later, which would swallow typing.
        await page.Locator("#post-genres").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = genre }).ClickAsync();
        // Under load the list may not take the first Escape yet (its key handler attaches after it opens): ask again.
        for (var attempt = 0; attempt < 5 && await page.Locator(".mud-popover-open").CountAsync() > 0; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            await page.WaitForTimeoutAsync(300);
        }
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Expect(page.Locator("#post-genres")).ToHaveValueAsync(genre);
    }

    [GeneratedRegex(@"/posts/(\d+)$")]
    private static partial Regex PostUrl();
}
