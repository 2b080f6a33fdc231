using Bunit;
using Forum.App.Features.Chat;
using Forum.App.Features.Messages;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components.Chat;

/// <summary>My conversations and one conversation: who, the last message, unread counts, reading, and strangers kept out.</summary>
public sealed class DirectPagesTests : ComponentTest
{
    private string _bobName = "";
    private string _aliceName = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (_bobName, _aliceName) = (await H.Db.UserNameAsync(Bob), await H.Db.UserNameAsync(Alice));
    }

    [Fact]
    public async Task DirectList_ShowsEachConversationWithLastMessageAndUnread_Live()
    {
        var carol = await H.Db.AddUserAsync("Carol");
        await H.Db.Chat.SendDirectAsync(Bob, _aliceName, "Are you coming?", ct: Ct);
        await H.Db.Chat.SendDirectAsync(Bob, _aliceName, "Tonight, I mean", ct: Ct);
        await H.Db.Chat.SendDirectAsync(Alice, await H.Db.UserNameAsync(carol), "Thanks for the tip", ct: Ct);

        var page = H.Render<DirectListPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".direct-row").Count));
        var rows = page.FindAll(".direct-row");
        Assert.Equal("Carol", rows[0].QuerySelector(".chat-sender")!.TextContent);
        Assert.Equal("You: Thanks for the tip", rows[0].QuerySelector(".direct-last")!.TextContent);
        Assert.Null(rows[0].QuerySelector(".direct-unread"));
        Assert.Equal("Bob Chen", rows[1].QuerySelector(".chat-sender")!.TextContent);
        Assert.Equal("Tonight, I mean", rows[1].QuerySelector(".direct-last")!.TextContent);
        Assert.Equal("2", rows[1].QuerySelector(".direct-unread")!.TextContent);
        Assert.Equal($"/direct/{_bobName}", rows[1].GetAttribute("href"));

        // A new message moves its conversation to the top with its new count.
        page.WaitForElement("#conversations[data-live]");
        H.Db.Clock.Advance(TimeSpan.FromMinutes(1));
        await H.Db.Chat.SendDirectAsync(Bob, _aliceName, "Hello?", ct: Ct);
        page.WaitForAssertion(() => Assert.Equal("3", page.FindAll(".direct-row")[0].QuerySelector(".direct-unread")!.TextContent));
    }

    [Fact]
    public async Task DirectPage_Open_ShowsHistoryAndReadsIt_BadgeDrops()
    {
        await H.Db.Chat.SendDirectAsync(Bob, _aliceName, "Are you coming?", ct: Ct);
        await H.Db.Chat.SendDirectAsync(Alice, _bobName, "Yes!", ct: Ct);
        await H.Db.Chat.SendDirectAsync(Bob, _aliceName, "Great", ct: Ct);
        Assert.Equal(2, await H.Db.CounterAsync(Alice));

        var page = H.Render<DirectPage>(p => p.Add(c => c.UserName, _bobName));

        page.WaitForElement(".chat-room[data-live]");
        Assert.Equal("Bob Chen", page.Find("#direct-title").TextContent);
        Assert.Equal(["Are you coming?", "Yes!", "Great"], page.FindAll(".chat-text").Select(t => t.TextContent));
        page.WaitForAssertion(() => Assert.Equal(0, H.Context.Services.GetRequiredService<UnreadState>().Count));
        Assert.Equal(0, await H.Db.CounterAsync(Alice));

        // While it is open, what Bob writes shows up and is read on arrival: the badge does not rise.
        await H.Db.Chat.SendDirectAsync(Bob, _aliceName, "See you at nine", ct: Ct);
        page.WaitForAssertion(() => Assert.Equal("See you at nine", page.FindAll(".chat-text")[^1].TextContent));
        Assert.Equal(0, await H.Db.CounterAsync(Alice));
    }

    [Fact]
    public async Task DirectPage_Send_StoresItForTheTwoOnly()
    {
        var page = H.Render<DirectPage>(p => p.Add(c => c.UserName, _bobName));
        page.WaitForElement(".chat-room[data-live]");
        Assert.NotNull(page.Find("#chat-empty"));

        await page.ChangeAsync("#chat-input", "First message");
        await page.ClickAsync("#chat-send");

        page.WaitForAssertion(() => Assert.Equal(["First message"], page.FindAll(".chat-text").Select(t => t.TextContent)));
        Assert.Equal(1, await H.Db.CounterAsync(Bob));
        var history = await H.Db.ChatQueries.ConversationAsync(Bob, _aliceName, ct: Ct);
        Assert.Equal("First message", Assert.Single(history.Page.Items).Text);
    }

    [Theory]
    [InlineData("nobody-by-this-name")]
    [InlineData("self")]
    public void DirectPage_UnknownMemberOrSelf_NotFound(string who)
    {
        var page = H.Render<DirectPage>(p => p.Add(c => c.UserName, who == "self" ? _aliceName : who));

        Assert.Empty(page.FindAll("#direct-title"));
        Assert.Empty(page.FindAll("textarea"));
    }
}
