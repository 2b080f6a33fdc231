using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>The policy forbids inline scripts and eval: the pages must still work, and the browser must block nothing.</summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task EveryPage_UnderThePolicy_RunsWithNothingBlocked()
    {
        browser.RequireBrowser();
        var blocked = new List<string>();
        var context = await browser.SignInAsync("erin");
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (blocked) blocked.Add(message.Text);
        };

        foreach (var path in new[] { "/", "/posts/3", "/messages", "/posts/new", "/not-a-page" })
        {
            var page = await BrowserFixture.OpenAsync(context, path);
            await Expect(page.Locator("h1, .mud-typography-h4").First).ToBeVisibleAsync();
            await page.CloseAsync();
        }
        // Interactive parts that inject styles and popovers at run time.
        var form = await BrowserFixture.OpenAsync(context, "/posts/new");
        await form.Locator("#post-genres").ClickAsync();
        await Expect(form.Locator(".mud-popover-open")).ToBeVisibleAsync();
        var thread = await BrowserFixture.OpenAsync(context, "/posts/3");
        await thread.Locator(".comment-form textarea").FillAsync("Typing under the policy.");

        Assert.Empty(blocked);
    }
}
