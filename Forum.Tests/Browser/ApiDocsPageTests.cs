using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>
/// The API docs page (Swagger UI at /api/docs) under the site's own Content-Security-Policy: it renders, the browser blocks
/// nothing, nothing is fetched from outside the app, and "Try it out" with a bearer token answers for that member.
/// </summary>
public sealed class ApiDocsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DocsPage_RendersUnderThePolicy_LoadsNothingFromOutside_AndTryItWorksWithAToken()
    {
        browser.RequireBrowser();
        var context = await browser.RequireBrowser().NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        context.SetDefaultTimeout(15_000);
        var blocked = new List<string>();
        var requested = new List<string>();
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (blocked) blocked.Add(message.Text);
        };
        context.Request += (_, request) => { lock (requested) requested.Add(request.Url); };
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };

        await page.GotoAsync("/api/docs");

        await Expect(page.Locator(".swagger-ui .info .title")).ToContainTextAsync("Forum API");
        await Expect(page.Locator("#operations-Posts-ListPosts")).ToBeVisibleAsync();
        await Expect(page.Locator("#operations-Messages-GetUnreadCount")).ToBeVisibleAsync();
        await Expect(page.Locator(".info .description")).ToContainTextAsync("POST /api/auth/token");

        // Authorize with a bearer token, then run GET /api/me from the page.
        await page.Locator(".auth-wrapper .btn.authorize").ClickAsync();
        await page.Locator(".modal-ux .auth-container input").FillAsync(await browser.App.TokenAsync("alice"));
        await page.Locator(".modal-ux .auth-btn-wrapper .btn.authorize").ClickAsync();
        await page.Locator(".modal-ux .btn-done").ClickAsync();
        var me = page.Locator("#operations-Account-GetMe");
        await me.Locator(".opblock-summary").ClickAsync();
        await me.Locator(".try-out__btn").ClickAsync();
        await me.Locator(".execute").ClickAsync();
        await Expect(me.Locator(".live-responses-table tbody .response-col_status")).ToContainTextAsync("200");
        await Expect(me.Locator(".live-responses-table tbody .response-col_description")).ToContainTextAsync("Alice Moreau");

        Assert.Empty(blocked);
        Assert.Empty(errors);
        lock (requested)
            Assert.All(requested, url => Assert.True(url.StartsWith(browser.BaseUrl, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
        Assert.Contains(requested, url => url.EndsWith("/api/me", StringComparison.Ordinal));
        await context.CloseAsync();
    }
}
