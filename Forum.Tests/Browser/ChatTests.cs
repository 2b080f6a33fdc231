using Forum.Data;
using Forum.Data.Chat;
using Microsoft.EntityFrameworkCore;
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
    public async Task OwnMessage_Delete_AsksFirst_ThenOthersSeeThePlaceholder()
    {
        var alice = await browser.SignInAsync("alice");
        var bob = await browser.SignInAsync("bob");
        var alicePage = await OpenRoomAsync(alice, "/chat");
        var bobPage = await OpenRoomAsync(bob, "/chat");
        await SayAsync(alicePage, "Wrong room, sorry");
        await Expect(bobPage.Locator(".chat-text", new() { HasText = "Wrong room, sorry" })).ToBeVisibleAsync();

        var mine = alicePage.Locator(".chat-row", new() { Has = alicePage.Locator(".chat-text", new() { HasText = "Wrong room, sorry" }) });
        await mine.Locator(".chat-delete").ClickAsync();
        var dialog = alicePage.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("Delete this message?");
        // Kept out of the repository on test runs, as the other screenshots.
        var shots = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "forum-screenshots")).FullName;
        await alicePage.ScreenshotAsync(new() { Path = Path.Combine(shots, "chat-delete-confirm.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(bobPage.Locator(".chat-deleted")).ToHaveTextAsync("message deleted");
        await Expect(bobPage.Locator(".chat-text", new() { HasText = "Wrong room, sorry" })).ToHaveCountAsync(0);
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
        // Dave writes here, so other tests' messages never meet his flood limit.
        var (aliceId, writerId) = ((await app.UserIdAsync("alice"))!, (await app.UserIdAsync("dave"))!);
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
        await chat.SendAsync(writerId, "movie-3", "before the drop", Guid.NewGuid(), Ct);
        await Expect(page.Locator(".chat-text", new() { HasText = "before the drop" })).ToBeVisibleAsync();

        offline = true;
        await page.EvaluateAsync("() => window.forumTestSockets.forEach(s => s.close())");
        await Eventually.TrueAsync(() => !app.Get<IPresence>().IsPresent(Places.Room("movie-3"), aliceId), "Alice out of the room with her connection");
        foreach (var text in new[] { "missed one", "missed two", "missed three" }) await chat.SendAsync(writerId, "movie-3", text, Guid.NewGuid(), Ct);

        offline = false;
        Assert.True(await page.EvaluateAsync<bool>("() => Blazor.reconnect()"));
        await Eventually.TrueAsync(() => app.Get<IPresence>().IsPresent(Places.Room("movie-3"), aliceId), "Alice back in the room");
        await Expect(page.Locator(".chat-text")).ToHaveTextAsync(["before the drop", "missed one", "missed two", "missed three"]);
        await alice.CloseAsync();
    }

    [Fact]
    public async Task LongRoom_FollowsTheNewestUntilScrolledUp_ThenTheChipLeadsDown()
    {
        var app = browser.App;
        var writerId = (await app.UserIdAsync("erin"))!; // a member no other test here writes as (the flood limit)
        await using (var db = await app.Get<IDbContextFactory<ForumDbContext>>().CreateDbContextAsync(Ct))
        {
            var at = DateTime.UtcNow.AddHours(-1);
            db.ChatMessages.AddRange(Enumerable.Range(0, 60).Select(i =>
                new ChatMessage { Room = "movie-4", SenderId = writerId, Text = $"line {i}", CreatedAt = at.AddSeconds(i) }));
            await db.SaveChangesAsync(Ct);
        }
        var alice = await browser.SignInAsync("alice");
        var page = await OpenRoomAsync(alice, "/chat/movie-4");
        var log = page.Locator("#chat-log");
        const string AtBottom = "el => el.scrollHeight - el.scrollTop - el.clientHeight < 48";

        // Opens at the newest message, and stays there as messages arrive.
        await Expect(page.Locator(".chat-text").Last).ToHaveTextAsync("line 59");
        Assert.True(await log.EvaluateAsync<bool>(AtBottom));
        var chat = app.Get<ChatService>();
        await chat.SendAsync(writerId, "movie-4", "while at the bottom", Guid.NewGuid(), Ct);
        await Expect(page.Locator(".chat-text").Last).ToHaveTextAsync("while at the bottom");
        await page.WaitForFunctionAsync($"() => ({AtBottom})(document.getElementById('chat-log'))");
        await Expect(page.Locator("[data-chat-chip]")).ToBeHiddenAsync();

        // Scrolled up, a new message does not move the view: the chip appears and takes the reader down.
        await log.EvaluateAsync("el => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); }");
        await chat.SendAsync(writerId, "movie-4", "while reading older ones", Guid.NewGuid(), Ct);
        await Expect(page.Locator("[data-chat-chip]")).ToBeVisibleAsync();
        Assert.False(await log.EvaluateAsync<bool>(AtBottom));
        await page.Locator("[data-chat-chip]").ClickAsync();
        await Expect(page.Locator("[data-chat-chip]")).ToBeHiddenAsync();
        Assert.True(await log.EvaluateAsync<bool>(AtBottom));

        // "Earlier messages" brings the first ten back above.
        await page.Locator("#chat-earlier").ClickAsync();
        await Expect(page.Locator(".chat-text").First).ToHaveTextAsync("line 0");
        await Expect(page.Locator(".chat-text")).ToHaveCountAsync(62);
        await alice.CloseAsync();
    }
}
