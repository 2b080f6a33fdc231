using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>
/// Dialog and snackbar providers are rendered only once a circuit shows one (OverlayHost): the first confirmation must
/// still appear, and a snackbar shown just before navigating must still be seen on the next page.
/// </summary>
public sealed class OverlaysTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeletePost_FirstDialogOfTheCircuitAppears_AndTheSnackbarFollowsToTheHomePage()
    {
        browser.RequireBrowser();
        var alice = (await browser.App.UserIdAsync("alice"))!;
        var postId = await browser.App.Get<PostService>().CreateAsync(alice,
            new NewPost("Jeanne Dielman", 1975, ["Drama"], "Three days of a widow's routine, and then it breaks."), Ct);
        var page = await BrowserFixture.OpenAsync(await browser.SignInAsync("alice"), $"/posts/{postId}");
        Assert.Equal(0, await page.Locator(".mud-dialog").CountAsync());

        await page.Locator("#delete-post").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("Delete this post?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        // The snackbar first: if the delete was refused, the failure names the message the member saw.
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Your post was deleted.", new() { Timeout = 30_000 });
        // Polled, not a navigation event: the router's move to / could happen before a WaitForURL waiter saw it (a CI run
        // under load timed out on a page that showed the home page).
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^https?://[^/]+/$"), new() { Timeout = 30_000 });
        await Expect(page.Locator(".post-card").First).ToBeVisibleAsync();
        Assert.Null(await browser.App.Get<PostQueries>().GetAsync(postId, Ct));
    }
}
