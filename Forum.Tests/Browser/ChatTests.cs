using Forum.Data.Chat;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Browser;

/// <summary>Chat in real browsers: members see each other live, @name stays private, and a dropped connection loses nothing.</summary>
public sealed class ChatTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Opens a room and waits until it listens and counts the member in it.</summary>
    private static async Task<IPage> OpenRoomAsync(IBrowserContext context, string path)
    {
        var page = await BrowserFixture.OpenAsync(context, path);
        await page.WaitForSelectorAsync(".chat-room[data-live]", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task SayAsync(IPage page, string text)
    {
        await page.Locator("#chat-input").FillAsync(text);
        await page.Locator("#chat-input").PressAsync("Enter");
        await Expect(page.Locator("#chat-input")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task Lobby_TwoMembers_SeeTheJoinNoticeAndEachOthersMessagesLive()
    {
        var alice = await browser.SignInAsync("alice");
        var bob = await browser.SignInAsync("bob");
        var alicePage = await OpenRoomAsync(alice, "/chat");
        var bobPage = await OpenRoomAsync(bob, "/chat");

        await Expect(alicePage.Locator(".chat-notice", new() { HasText = "Bob Chen joined" })).ToBeVisibleAsync();
        await Expect(alicePage.Locator("#chat-members")).ToContainTextAsync("Bob Chen");
        await Expect(alicePage.Locator("#online-count")).ToHaveTextAsync("2");

        await SayAsync(bobPage, "Anyone for a rewatch?");
        await Expect(alicePage.Locator(".chat-text", new() { HasText = "Anyone for a rewatch?" })).ToBeVisibleAsync();

        // Shift+Enter is a new line; Enter sends.
        await alicePage.Locator("#chat-input").FillAsync("Yes!");
        await alicePage.Locator("#chat-input").PressAsync("Shift+Enter");
        await alicePage.Locator("#chat-input").PressSequentiallyAsync("Stalker?");
        await alicePage.Locator("#chat-input").PressAsync("Enter");
        var reply = bobPage.Locator(".chat-text", new() { HasText = "Stalker?" });
        await Expect(reply).ToBeVisibleAsync();
        Assert.Equal("Yes!\nStalker?", await reply.TextContentAsync());
        await Expect(alicePage.Locator(".chat-text", new() { HasText = "Stalker?" })).ToHaveCountAsync(1);

        await bobPage.CloseAsync();
        await Expect(alicePage.Locator(".chat-notice", new() { HasText = "Bob Chen left" })).ToBeVisibleAsync();
        await alice.CloseAsync();
        await bob.CloseAsync();
    }

    [Fact]
    public async Task Mention_ReachesOnlyItsTarget_AndRaisesTheirBadge()
    {
        var (alice, bob, carol) = (await browser.SignInAsync("alice"), await browser.SignInAsync("bob"), await browser.SignInAsync("carol"));
        var room = "/chat/movie-2";
        var alicePage = await OpenRoomAsync(alice, room);
        var bobPage = await OpenRoomAsync(bob, room);
        var carolPage = await OpenRoomAsync(carol, room);
        var bobUnread = int.Parse(await bobPage.Locator("#unread-count").TextContentAsync() ?? "0");

        await SayAsync(alicePage, "@bob the popcorn is on you");
        await Expect(bobPage.Locator(".chat-private .chat-text", new() { HasText = "the popcorn is on you" })).ToBeVisibleAsync();
        await Expect(bobPage.Locator(".chat-private .chat-private-label")).ToHaveTextAsync("privately to you");
        await Expect(bobPage.Locator("#unread-count")).ToHaveTextAsync((bobUnread + 1).ToString());
        await Expect(alicePage.Locator(".chat-private .chat-private-label")).ToHaveTextAsync("privately to Bob Chen");

        // Carol sees the next room message, and never the private one.
        await SayAsync(alicePage, "Starting in five minutes, everyone");
        await Expect(carolPage.Locator(".chat-text", new() { HasText = "Starting in five minutes" })).ToBeVisibleAsync();
        await Expect(carolPage.Locator(".chat-text", new() { HasText = "popcorn" })).ToHaveCountAsync(0);
        await Expect(carolPage.Locator(".chat-private")).ToHaveCountAsync(0);

        // Bob opens the conversation from the label: it is there, and reading it drops his badge.
        await bobPage.Locator(".chat-private-label").ClickAsync();
        await Expect(bobPage.Locator("#direct-title")).ToHaveTextAsync("Alice Moreau");
        await Expect(bobPage.Locator(".chat-text", new() { HasText = "the popcorn is on you" })).ToBeVisibleAsync();
        await Expect(bobPage.Locator("#unread-count")).ToHaveTextAsync(bobUnread.ToString());
        await alice.CloseAsync();
        await bob.CloseAsync();
        await carol.CloseAsync();
    }

    [Fact]
    public async Task DroppedConnection_MessagesSentMeanwhile_ShownOnceAfterReconnect()
    {
        var app = browser.App;
        var (aliceId, bobId) = ((await app.UserIdAsync("alice"))!, (await app.UserIdAsync("bob"))!);
        var alice = await browser.SignInAsync("alice");
        // The page's sockets are kept where the test can close them, and while "offline" a reconnect cannot negotiate.
        await alice.AddInitScriptAsync("""
            (() => {
                const Native = window.WebSocket;
                window.forumTestSockets = [];
                window.WebSocket = class extends Native {
                    constructor(...args) { super(...args); window.forumTestSockets.push(this); }
                };
            })();
            """);
        var offline = false;
        await alice.RouteAsync("**/_blazor/negotiate**", route => offline ? route.AbortAsync() : route.ContinueAsync());
        var page = await OpenRoomAsync(alice, "/chat/movie-3");
        var chat = app.Get<ChatService>();
        await chat.SendAsync(bobId, "movie-3", "before the drop", Guid.NewGuid(), Ct);
        await Expect(page.Locator(".chat-text", new() { HasText = "before the drop" })).ToBeVisibleAsync();

        offline = true;
        await page.EvaluateAsync("() => window.forumTestSockets.forEach(s => s.close())");
        await Eventually.TrueAsync(() => !app.Get<IPresence>().IsPresent(Places.Room("movie-3"), aliceId), "Alice out of the room with her connection");
        foreach (var text in new[] { "missed one", "missed two", "missed three" }) await chat.SendAsync(bobId, "movie-3", text, Guid.NewGuid(), Ct);

        offline = false;
        Assert.True(await page.EvaluateAsync<bool>("() => Blazor.reconnect()"));
        await Eventually.TrueAsync(() => app.Get<IPresence>().IsPresent(Places.Room("movie-3"), aliceId), "Alice back in the room");
        await Expect(page.Locator(".chat-text")).ToHaveTextAsync(["before the drop", "missed one", "missed two", "missed three"]);
        await alice.CloseAsync();
    }
}
