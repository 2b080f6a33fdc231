using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Moderation;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>The reports queue as two moderators see it at once: a new report and a claim reach both open windows live.</summary>
public sealed class ReportsQueueBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewReport_ShowsInBothModeratorsQueues_AndAClaimShowsInTheOthersWindow()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var (alice, bob, admin) = ((await app.UserIdAsync("alice"))!, (await app.UserIdAsync("bob"))!, (await app.UserIdAsync("admin"))!);
        var post = await app.Get<PostService>().CreateAsync(alice, new NewPost("Stalker", 1979, ["Drama"], "Three men walk into the Zone."), Ct);
        const string text = "Buy cheap zone tours at spam.example";
        var comment = await app.Get<CommentService>().AddAsync(bob, new NewComment(post, text), Ct);

        // Both moderators have the queue open before the report exists (two contexts: two cookies, two circuits).
        var modPage = await BrowserFixture.OpenAsync(await browser.SignInAsync("mod"), "/admin/reports");
        var adminPage = await BrowserFixture.OpenAsync(await browser.SignInAsync("admin"), "/admin/reports");
        ILocator Row(IPage page) => page.Locator("#reports-grid tbody tr").Filter(new() { HasText = text });
        await Expect(Row(modPage)).ToHaveCountAsync(0);
        await Expect(Row(adminPage)).ToHaveCountAsync(0);

        var caseId = await app.Get<ReportService>().ReportAsync(alice, new NewReport("comment", comment.Id.ToString(), "spam", "Advertising"), Ct);

        // Live: no reload in either window.
        var timeout = new LocatorAssertionsToHaveCountOptions { Timeout = 20_000 };
        await Expect(Row(modPage)).ToHaveCountAsync(1, timeout);
        await Expect(Row(adminPage)).ToHaveCountAsync(1, timeout);
        await Expect(Row(modPage).Locator(".claimed-by")).ToHaveTextAsync("—");
        await Expect(Row(adminPage).Locator(".claim-button")).ToHaveCountAsync(1);

        await Row(modPage).Locator(".claim-button").ClickAsync();
        await Expect(Row(modPage).Locator(".claimed-by")).ToHaveTextAsync("mod", new() { Timeout = 20_000 });

        // The admin's open window learns who holds it, live, and offers no claim.
        await Expect(Row(adminPage).Locator(".claimed-by")).ToHaveTextAsync("mod", new() { Timeout = 20_000 });
        await Expect(Row(adminPage).Locator(".claim-button")).ToHaveCountAsync(0);
        // And the service behind it refuses the admin's claim, naming the holder.
        var refused = await Assert.ThrowsAsync<ForumException>(() => app.Get<ReportService>().ClaimAsync(admin, caseId, Ct));
        Assert.Equal(ForumErrorKind.Conflict, refused.Kind);
        Assert.Contains("mod", refused.Message);
    }
}
