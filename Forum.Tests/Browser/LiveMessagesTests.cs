using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>What only a real browser proves: pushes reaching every open tab of the right member.</summary>
public sealed class LiveMessagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CommentOnMyPost_BadgeRisesInBothTabs_ReadingDropsItElsewhere_ReplyAppearsLive()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var aliceId = (await app.UserIdAsync("alice"))!;
        var postId = await app.Get<PostService>().CreateAsync(aliceId,
            new NewPost("Stalker", 1979, ["Sci-Fi", "Drama"], "Three men walk into the Zone to find a room that grants wishes."), Ct);
        await app.Get<MessageService>().MarkAllReadAsync(aliceId, Ct);

        var alice = await browser.SignInAsync("alice");
        var aliceTab1 = await BrowserFixture.OpenAsync(alice, "/");
        var aliceTab2 = await BrowserFixture.OpenAsync(alice, "/messages");
        await Expect(aliceTab1.Locator("#unread-count")).ToHaveTextAsync("0");
        await Expect(aliceTab2.Locator("#unread-count")).ToHaveTextAsync("0");

        var bob = await browser.SignInAsync("bob");
        var bobTab = await BrowserFixture.OpenAsync(bob, $"/posts/{postId}");
        await bobTab.Locator(".comment-form textarea").FillAsync("The long take by the river is hypnotic.");
        await bobTab.Locator(".comment-submit").ClickAsync();

        // Alice: both tabs' badges go to 1 without reload; her open message list shows the new message on top.
        await Expect(aliceTab1.Locator("#unread-count")).ToHaveTextAsync("1");
        await Expect(aliceTab2.Locator("#unread-count")).ToHaveTextAsync("1");
        var message = aliceTab2.Locator(".message-row").First;
        await Expect(message.Locator(".message-actor")).ToHaveTextAsync("Bob Chen");
        await Expect(message.Locator(".message-post")).ToHaveTextAsync("Stalker");
        await Expect(message).ToHaveAttributeAsync("data-read", "false");

        // Opening it marks it read everywhere and shows the thread.
        await message.Locator(".message-post").ClickAsync();
        await Expect(aliceTab2.Locator("#post-heading")).ToHaveTextAsync("Stalker");
        await Expect(aliceTab1.Locator("#unread-count")).ToHaveTextAsync("0");
        await Expect(aliceTab2.Locator("#unread-count")).ToHaveTextAsync("0");

        // While Alice reads the thread, what arrives in it is read: it shows up, and no badge moves.
        await bobTab.Locator(".comment-form textarea").FillAsync("And the dog!");
        await bobTab.Locator(".comment-submit").ClickAsync();
        await Expect(aliceTab2.Locator(".comment-body", new() { HasText = "And the dog!" })).ToBeVisibleAsync();
        await Expect(bobTab.Locator("#reading-now")).ToHaveTextAsync("2 reading now");
        Assert.Equal(0, (await app.Get<MessageService>().GetUnreadAsync(aliceId, Ct)).Count);
        await Expect(aliceTab1.Locator("#unread-count")).ToHaveTextAsync("0");

        // Alice answers in the thread; Bob sees the reply appear under his comment, live.
        await aliceTab2.Locator(".reply-button").First.ClickAsync();
        await aliceTab2.Locator(".replies .comment-form textarea").FillAsync("Tarkovsky shot it twice, you know.");
        await aliceTab2.Locator(".replies .comment-submit").ClickAsync();
        await Expect(bobTab.Locator(".replies .comment-body", new() { HasText = "shot it twice" })).ToBeVisibleAsync();
        await Expect(bobTab.Locator("#unread-count")).ToHaveTextAsync(await BobUnreadAsync());

        var comments = await app.Get<CommentQueries>().ListForPostAsync(postId, Ct);
        Assert.Equal(3, comments.Count);
    }

    [Fact]
    public async Task LogOutInOneTab_OtherTabStopsActingForTheMember()
    {
        browser.RequireBrowser();
        var carol = await browser.SignInAsync("carol");
        var postTab = await BrowserFixture.OpenAsync(carol, "/posts/2");
        var homeTab = await BrowserFixture.OpenAsync(carol, "/");
        await Expect(postTab.Locator(".comment-form textarea")).ToBeVisibleAsync();

        await homeTab.Locator("#signed-in-as").ClickAsync();
        await homeTab.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(homeTab.Locator("#signed-in-as")).ToHaveCountAsync(0);

        // The still-open tab signs out live: no comment form, no badge, an invitation to log in instead.
        await Expect(postTab.Locator("#login-to-comment")).ToBeVisibleAsync();
        await Expect(postTab.Locator(".comment-form")).ToHaveCountAsync(0);
        await Expect(postTab.Locator("#unread-count")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignOutEverywhere_OtherDeviceSignsOutLiveAndForGood()
    {
        browser.RequireBrowser();
        var laptop = await browser.SignInAsync("dave");
        var phone = await browser.SignInAsync("dave"); // another browser context: another device, its own cookie
        var phoneTab = await BrowserFixture.OpenAsync(phone, "/posts/3");
        await Expect(phoneTab.Locator(".comment-form textarea")).ToBeVisibleAsync();

        var laptopTab = await BrowserFixture.OpenAsync(laptop, "/");
        await laptopTab.Locator("#signed-in-as").ClickAsync();
        await laptopTab.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Expect(laptopTab.Locator("#signed-in-as")).ToHaveCountAsync(0);

        // The phone's open page signs out live, and its cookie no longer works after a reload.
        await Expect(phoneTab.Locator("#login-to-comment")).ToBeVisibleAsync();
        await Expect(phoneTab.Locator("#signed-in-as")).ToHaveCountAsync(0);
        await phoneTab.ReloadAsync();
        await Expect(phoneTab.Locator("#login-to-comment")).ToBeVisibleAsync();
        await Expect(phoneTab.Locator("#signed-in-as")).ToHaveCountAsync(0);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> BobUnreadAsync() =>
        (await browser.App.Get<MessageService>().GetUnreadAsync((await browser.App.UserIdAsync("bob"))!, Ct)).Count.ToString();
}
