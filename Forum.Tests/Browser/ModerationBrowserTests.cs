using Forum.Data.Comments;
using Forum.Data.Moderation;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>Moderation as people see it: a hidden comment leaves open threads, a ban ends an open page, the admin pages.</summary>
public sealed class ModerationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ModeratorHidesComment_ItDisappearsFromAMembersOpenThread()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var (alice, dave) = ((await app.UserIdAsync("alice"))!, (await app.UserIdAsync("dave"))!);
        var post = await app.Get<PostService>().CreateAsync(alice, new NewPost("Rashomon", 1950, ["Drama"], "Four versions of one story."), Ct);
        var comment = await app.Get<CommentService>().AddAsync(dave, new NewComment(post, "Cheap watches at spam.example"), Ct);
        var reader = await BrowserFixture.OpenAsync(await browser.SignInAsync("alice"), $"/posts/{post}");
        await Expect(reader.Locator($"#c{comment.Id}")).ToContainTextAsync("Cheap watches");

        var mod = await BrowserFixture.OpenAsync(await browser.SignInAsync("mod"), "/admin/content");
        await mod.FillAsync("#content-id", comment.Id.ToString());
        await mod.FillAsync("#content-reason", "Advertising");
        await mod.ClickAsync("#content-hide");
        await Expect(mod.Locator("#content-result")).ToContainTextAsync("Done");

        await Expect(reader.Locator("#comments")).Not.ToContainTextAsync("Cheap watches", new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task BannedMembersOpenPage_IsSignedOutWithinSeconds()
    {
        browser.RequireBrowser();
        var page = await BrowserFixture.OpenAsync(await browser.SignInAsync("erin"), "/");
        await Expect(page.Locator("#signed-in-as")).ToHaveCountAsync(1);
        var mod = (await browser.App.UserIdAsync("mod"))!;

        Assert.True(await browser.App.Get<MemberModerationService>().BanAsync(mod, "erin", "Spam bot", null, Ct));

        await Expect(page.Locator("#signed-in-as")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await page.GotoAsync("/messages");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task AdminPages_ForAModerator_RenderAndAreCaptured()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var (bob, carol) = ((await app.UserIdAsync("bob"))!, (await app.UserIdAsync("carol"))!);
        var post = await app.Get<PostService>().CreateAsync(bob, new NewPost("Ikiru", 1952, ["Drama"], "A clerk learns he is dying."), Ct);
        var comment = await app.Get<CommentService>().AddAsync(carol, new NewComment(post, "He dies at the end, by the way."), Ct);
        await app.Get<ReportService>().ReportAsync(bob, new NewReport("comment", comment.Id.ToString(), "spoiler", "Unmarked spoiler"), Ct);
        var hidden = await app.Get<PostService>().CreateAsync(carol, new NewPost("Buy cheap DVDs", 2024, ["Drama"], "Visit my shop."), Ct);
        Assert.True(await app.Get<ContentModerationService>().HideAsync((await app.UserIdAsync("mod"))!, ContentKind.Post, hidden, "Advertising", Ct));
        var context = await browser.SignInAsync("mod");
        // Kept out of the repository on test runs; docs/screenshots holds copies taken from here.
        var shots = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "forum-screenshots")).FullName;

        foreach (var (path, name, marker) in new[]
        {
            ("/admin", "admin-dashboard", "#count-reports"), ("/admin/reports", "admin-reports", ".report-count"),
            ("/admin/members", "admin-members", "#members-grid tbody tr"), ("/admin/audit", "admin-audit", "#audit-grid"),
            ($"/posts/{hidden}", "post-hidden-moderator", "#post-moderated"),
        })
        {
            var page = await BrowserFixture.OpenAsync(context, path);
            await page.SetViewportSizeAsync(1280, 800);
            await Expect(page.Locator(marker).First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"{name}.png"), FullPage = true });
            await page.CloseAsync();
        }
    }
}
