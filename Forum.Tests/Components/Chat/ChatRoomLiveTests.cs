using Bunit;
using Forum.App.Features.Chat;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Forum.Tests.Components.Chat;

/// <summary>A room following changes: deletions, earlier pages, ignores, private messages and a catch-up after a reconnect.</summary>
public sealed class ChatRoomLiveTests : ComponentTest
{
    private static readonly ChatRoom Lobby = new(ChatRooms.Lobby, ChatRooms.LobbyDisplayName, null);

    private IRenderedComponent<ChatRoomView> RenderLobby() => H.Render<ChatRoomView>(p => p.Add(c => c.Room, Lobby));

    /// <summary>Waits until the view listens and is present (after its first render), so what happens now arrives live.</summary>
    private static void WaitLive(IRenderedComponent<ChatRoomView> view) => view.WaitForElement(".chat-room[data-live]");

    /// <summary>Answers the open confirmation dialog and waits for it to close.</summary>
    private static async Task ChooseAsync(IRenderedComponent<MudDialogProvider> dialogs, string answer)
    {
        dialogs.WaitForAssertion(() => Assert.Contains("Delete this message?", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == answer).Click());
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete this message?", dialogs.Markup));
    }

    private static string[] Texts(IRenderedComponent<ChatRoomView> view) => [.. view.FindAll(".chat-text").Select(t => t.TextContent)];

    [Fact]
    public async Task Delete_OwnMessage_PlaceholderForMeAndLiveForOthers()
    {
        var mine = await H.Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Oops, wrong room", ct: Ct);
        var bobs = await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "Bob was here", ct: Ct);
        var dialogs = H.Context.Render<MudDialogProvider>();
        var view = RenderLobby();
        WaitLive(view);
        // Only my own message offers a delete.
        Assert.Single(view.FindAll(".chat-delete"));
        Assert.NotNull(view.Find($"#m{mine.Id} .chat-delete"));

        // Asked first: "Keep it" keeps it, "Delete" deletes it.
        await view.ClickAsync($"#m{mine.Id} .chat-delete");
        await ChooseAsync(dialogs, "Keep it");
        Assert.Equal("Oops, wrong room", view.Find($"#m{mine.Id} .chat-text").TextContent);
        Assert.False((await H.Db.ChatQueries.HistoryAsync(Alice, ChatRooms.Lobby, ct: Ct)).Items.Single(m => m.Id == mine.Id).Deleted);
        await view.ClickAsync($"#m{mine.Id} .chat-delete");
        await ChooseAsync(dialogs, "Delete");
        view.WaitForAssertion(() => Assert.Equal("message deleted", view.Find($"#m{mine.Id} .chat-deleted").TextContent));

        // Bob's own delete reaches this view through the bus.
        await H.Db.Chat.DeleteAsync(Bob, bobs.Id, Ct);
        view.WaitForAssertion(() => Assert.Equal(2, view.FindAll(".chat-deleted").Count));
        Assert.Empty(Texts(view).Where(t => t.Length > 0 && t != "message deleted"));
    }

    [Fact]
    public async Task Delete_AfterTheWindow_NoButtonAndTheServiceSaysWhy()
    {
        var mine = await H.Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Old news", ct: Ct);
        H.Db.Clock.Advance(ChatRules.DeleteWindow + TimeSpan.FromSeconds(1));
        var view = RenderLobby();
        view.WaitForAssertion(() => Assert.Equal(["Old news"], Texts(view)));
        Assert.Empty(view.FindAll(".chat-delete"));
        await Assert.ThrowsAsync<Forum.Data.ForumException>(() => H.Db.Chat.DeleteAsync(Alice, mine.Id, Ct));
    }

    [Fact]
    public async Task Earlier_PagesBackThroughTheWholeHistory_EachMessageOnce()
    {
        for (var i = 0; i < 120; i++)
        {
            // Past the flood rule's window every few messages (the rule has its own tests).
            if (i % 4 == 0) H.Db.Clock.Advance(TimeSpan.FromSeconds(6));
            await H.Db.Chat.SendAsync(i % 2 == 0 ? Alice : Bob, ChatRooms.Lobby, $"m{i}", ct: Ct);
        }
        var view = RenderLobby();
        view.WaitForAssertion(() => Assert.Equal(50, view.FindAll(".chat-row").Count));
        Assert.Equal("m70", Texts(view)[0]);

        await view.ClickAsync("#chat-earlier");
        view.WaitForAssertion(() => Assert.Equal(100, view.FindAll(".chat-row").Count));
        await view.ClickAsync("#chat-earlier");

        view.WaitForAssertion(() => Assert.Equal(Enumerable.Range(0, 120).Select(i => $"m{i}"), Texts(view)));
        Assert.Empty(view.FindAll("#chat-earlier"));
    }

    [Fact]
    public async Task IgnoreFromMenu_HidesTheirMessages_StopIgnoringBringsThemBack()
    {
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "Spoilers!", ct: Ct);
        await H.Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Please don't", ct: Ct);
        var view = RenderLobby();
        WaitLive(view);

        var first = (await H.Db.ChatQueries.HistoryAsync(Alice, ChatRooms.Lobby, ct: Ct)).Items[0].Id;
        await view.ClickAsync($"#m{first} button.chat-sender");
        // The member menu renders after the click's handler; under load that is not at once.
        view.WaitForAssertion(() => Assert.Equal("Ignore", view.Find("#chat-ignore-toggle").TextContent.Trim()), TimeSpan.FromSeconds(10));
        await view.ClickAsync("#chat-ignore-toggle");

        view.WaitForAssertion(() => Assert.Equal(["Please don't"], Texts(view)));
        Assert.True((await H.Db.ChatQueries.IgnoredIdsAsync(Alice, Ct)).Contains(Bob));
        // Live messages from Bob stay hidden; he is listed under "You ignore".
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "More spoilers", ct: Ct);
        await H.Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Still here", ct: Ct);
        view.WaitForAssertion(() => Assert.Equal(["Please don't", "Still here"], Texts(view)));

        await view.ClickAsync("#chat-ignored button.chat-sender");
        // The member menu renders after the click's handler; under load that is not at once.
        view.WaitForAssertion(() => Assert.Equal("Stop ignoring", view.Find("#chat-ignore-toggle").TextContent.Trim()), TimeSpan.FromSeconds(10));
        await view.ClickAsync("#chat-ignore-toggle");
        view.WaitForAssertion(() => Assert.Equal(["Spoilers!", "Please don't", "More spoilers", "Still here"], Texts(view)));
        Assert.Empty(view.FindAll("#chat-ignored"));
    }

    [Fact]
    public async Task Mention_ReachesOnlyItsTarget_ShownPrivatelyToSenderAndRecipient()
    {
        var bobUserName = await H.Db.UserNameAsync(Bob);
        var view = RenderLobby();
        WaitLive(view);

        await view.ChangeAsync("#chat-input", $"@{bobUserName} meet at the usual place");
        await view.ClickAsync("#chat-send");

        view.WaitForAssertion(() => Assert.Equal(["meet at the usual place"], Texts(view)));
        Assert.Contains("chat-private", view.Find(".chat-row").ClassName);
        Assert.Equal("privately to Bob Chen", view.Find(".chat-private-label").TextContent);
        Assert.Empty((await H.Db.ChatQueries.HistoryAsync(null, ChatRooms.Lobby, ct: Ct)).Items);
        Assert.Equal(1, await H.Db.CounterAsync(Bob));
    }

    [Fact]
    public async Task DropAndReconnect_OutOfTheRoomMeanwhile_ThenWhatCameAfterTheLastShownId_NothingTwice()
    {
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "before", ct: Ct);
        var view = RenderLobby();
        WaitLive(view);
        view.WaitForAssertion(() => Assert.Equal(["before"], Texts(view)));
        var circuit = H.Context.Services.GetRequiredService<ChatCircuit>();

        await view.InvokeAsync(() => circuit.ChangedAsync(up: false));
        Assert.False(H.Db.Presence.IsPresent(Places.Room(ChatRooms.Lobby), Alice));
        // Written while this circuit heard nothing (stored without publishing, as events lost on a dropped link would be).
        await H.Db.QueryAsync(async db =>
        {
            var now = H.Db.Clock.GetUtcNow().UtcDateTime;
            db.ChatMessages.AddRange(new ChatMessage { Room = ChatRooms.Lobby, SenderId = Bob, Text = "missed one", CreatedAt = now },
                new ChatMessage { Room = ChatRooms.Lobby, SenderId = Bob, Text = "missed two", CreatedAt = now });
            return await db.SaveChangesAsync(Ct);
        });

        await view.InvokeAsync(() => circuit.ChangedAsync(up: true));
        view.WaitForAssertion(() => Assert.Equal(["before", "missed one", "missed two"], Texts(view)));
        Assert.True(H.Db.Presence.IsPresent(Places.Room(ChatRooms.Lobby), Alice));

        // A second reconnect finds nothing new and shows nothing twice.
        await view.InvokeAsync(() => circuit.ChangedAsync(up: true));
        await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "live again", ct: Ct);
        view.WaitForAssertion(() => Assert.Equal(["before", "missed one", "missed two", "live again"], Texts(view)));
    }
}
