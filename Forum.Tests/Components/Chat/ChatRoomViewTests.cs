using Bunit;
using Forum.App.Features.Chat;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components.Chat;

/// <summary>A room on the circuit: history from the database, live messages and presence from the bus, the service's answers.</summary>
public sealed class ChatRoomViewTests : ComponentTest
{
    private static readonly ChatRoom Lobby = new(ChatRooms.Lobby, ChatRooms.LobbyDisplayName, null);

    private IRenderedComponent<ChatRoomView> RenderLobby() => H.Render<ChatRoomView>(p => p.Add(c => c.Room, Lobby));

    /// <summary>Waits until the view listens and is present (after its first render), so what happens now arrives live.</summary>
    private static void WaitLive(IRenderedComponent<ChatRoomView> view) => view.WaitForElement(".chat-room[data-live]");

    private static string[] Texts(IRenderedComponent<ChatRoomView> view) => [.. view.FindAll(".chat-text").Select(t => t.TextContent)];

    [Fact]
    public async Task Room_HistoryThenLiveMessage_ShownOnceInOrderWithSenders()
    {
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "First!", ct: Ct);
        await H.Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Hi Bob", ct: Ct);
        var view = RenderLobby();
        view.WaitForAssertion(() => Assert.Equal(["First!", "Hi Bob"], Texts(view)));
        WaitLive(view);

        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "Line one\nline two", ct: Ct);

        view.WaitForAssertion(() => Assert.Equal(["First!", "Hi Bob", "Line one\nline two"], Texts(view)));
        var last = view.FindAll(".chat-row")[^1];
        Assert.Equal("Bob Chen", last.QuerySelector(".chat-sender")!.TextContent);
        Assert.NotNull(last.QuerySelector(".forum-avatar"));
        Assert.NotNull(last.QuerySelector("time.forum-time"));
    }

    [Fact]
    public async Task Room_ConsecutiveMessagesOfOneSender_ShareOneHeader()
    {
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "one", ct: Ct);
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "two", ct: Ct);
        await H.Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "three", ct: Ct);
        H.Db.Clock.Advance(TimeSpan.FromMinutes(10));
        await H.Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "four, much later", ct: Ct);

        var view = RenderLobby();

        view.WaitForAssertion(() => Assert.Equal(4, view.FindAll(".chat-row").Count));
        var firsts = view.FindAll(".chat-row").Select(r => r.ClassList.Contains("chat-row-first")).ToArray();
        Assert.Equal([true, false, true, true], firsts);
        Assert.Equal(3, view.FindAll(".chat-head").Count);
    }

    [Fact]
    public void Room_MembersComeAndGo_ListAndNoticesFollowLive()
    {
        var view = RenderLobby();
        WaitLive(view);
        view.WaitForAssertion(() => Assert.Equal(["Alice"], view.FindAll("#chat-members .chat-sender").Select(e => e.TextContent)));

        var bob = H.Db.Presence.Enter(Places.Room(ChatRooms.Lobby), new PresenceMember(Bob, "Bob Chen", "bob"));
        view.WaitForAssertion(() => Assert.Equal(["Alice", "Bob Chen"], view.FindAll("#chat-members .chat-sender").Select(e => e.TextContent)));
        view.WaitForAssertion(() => Assert.Equal(["Bob Chen joined"], view.FindAll(".chat-notice").Select(n => n.TextContent)));

        bob.Dispose();
        view.WaitForAssertion(() => Assert.Equal(["Bob Chen joined", "Bob Chen left"], view.FindAll(".chat-notice").Select(n => n.TextContent)));
        Assert.Single(view.FindAll("#chat-members li"));
    }

    [Fact]
    public async Task Room_Visitor_ReadsButCannotWrite()
    {
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "Visible to all", ct: Ct);
        H.SignOut();

        var view = RenderLobby();

        view.WaitForAssertion(() => Assert.Equal(["Visible to all"], Texts(view)));
        Assert.Contains("Sign in to chat", view.Find("#chat-sign-in").TextContent);
        Assert.Empty(view.FindAll("textarea"));
        Assert.Empty(view.FindAll(".chat-delete"));
    }

    [Fact]
    public async Task Composer_ChangeThenSendClick_StoresOnceAndClears()
    {
        var view = RenderLobby();
        WaitLive(view);
        // What forum.js does on Enter: the box's change, then the send button's click.
        Assert.NotNull(view.Find("[data-chat-composer] textarea#chat-input"));
        await view.ChangeAsync("#chat-input", "Popcorn ready");
        await view.ClickAsync("[data-chat-composer] [data-chat-send]");

        view.WaitForAssertion(() => Assert.Equal(["Popcorn ready"], Texts(view)));
        Assert.Equal("", view.Find("#chat-input").GetAttribute("value") ?? "");
        var stored = await H.Db.ChatQueries.HistoryAsync(null, ChatRooms.Lobby, ct: Ct);
        Assert.Single(stored.Items);
        // Its echo from the bus does not show it twice: the bus delivers in order, so once Bob's next message shows, the echo came.
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "Me too", ct: Ct);
        view.WaitForAssertion(() => Assert.Equal(["Popcorn ready", "Me too"], Texts(view)));
    }

    [Fact]
    public async Task Composer_UnknownMention_ShowsTheRefusalAndStoresNothing()
    {
        var view = RenderLobby();
        WaitLive(view);
        await view.ChangeAsync("#chat-input", "@nobody.here hello?");
        await view.ClickAsync("#chat-send");

        view.WaitForAssertion(() => Assert.Equal("There is no member called nobody.here, so nothing was sent.", view.Find("#chat-error").TextContent));
        Assert.Equal(0, await H.Db.QueryAsync(db => db.ChatMessages.CountAsync(Ct)));
        Assert.Empty(view.FindAll(".chat-row"));
    }

    [Fact]
    public async Task Room_TwentyMoreMessages_AddNoComponents()
    {
        var view = RenderLobby();
        WaitLive(view);
        var before = view.FindComponents<Microsoft.AspNetCore.Components.IComponent>().Count;

        for (var i = 0; i < 20; i++)
        {
            if (i % 4 == 0) H.Db.Clock.Advance(TimeSpan.FromSeconds(6));
            await H.Db.Chat.SendAsync(i % 3 == 0 ? Alice : Bob, ChatRooms.Lobby, $"message {i}", ct: Ct);
        }

        view.WaitForAssertion(() => Assert.Equal(20, view.FindAll(".chat-row").Count));
        // Rows are markup in the log, not a component each.
        Assert.Equal(before, view.FindComponents<Microsoft.AspNetCore.Components.IComponent>().Count);
    }
}
