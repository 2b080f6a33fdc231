using Forum.Data;
using Forum.Data.Chat;

namespace Forum.Tests.Data.Chat;

/// <summary>A room's latest page, "earlier messages" back to the first one, and catch-up after a lost connection.</summary>
public class ChatHistoryTests : ChatTest
{
    [Theory]
    [InlineData(0, 50)]
    [InlineData(7, 50)]
    [InlineData(100, 50)] // pages divide the total exactly: no empty last page
    [InlineData(123, 50)]
    [InlineData(45, 1)]
    public async Task HistoryAsync_EarlierUntilTheFirst_ReturnsEveryMessageOnceInOrder(int total, int pageSize)
    {
        await ArrangeMembersAsync();
        for (var i = 0; i < total; i++)
        {
            await SayAsync(i % 2 == 0 ? Alice : Bob, $"Lobby {i}");
            // Other rooms and private messages share the table and the id sequence; none of them may show up here.
            if (i % 5 == 0) await SayAsync(Carol, $"Movie {i}", MovieRoom);
            if (i % 7 == 0) await WhisperAsync(Bob, Carol, $"Private {i}");
        }

        var pages = await ReadBackAsync(Carol, ChatRooms.Lobby, pageSize);

        var seen = pages.AsEnumerable().Reverse().SelectMany(p => p.Items).ToList();
        Assert.Equal(Enumerable.Range(0, total).Select(i => $"Lobby {i}"), seen.Select(m => m.Text));
        Assert.Equal(seen.Select(m => m.Id).Order(), seen.Select(m => m.Id));
        Assert.All(pages, p => Assert.True(p.Items.Count == pageSize || p == pages[^1]));
        Assert.Equal(Math.Max(1, (total + pageSize - 1) / pageSize), pages.Count);
        Assert.All(seen, m => Assert.Equal((ChatRooms.Lobby, (long?)null), (m.Room, m.ConversationId)));
    }

    [Fact]
    public async Task HistoryAsync_DefaultPage_IsTheLatestFiftyOldestFirst()
    {
        await ArrangeMembersAsync();
        for (var i = 0; i < 60; i++) await SayAsync(Alice, $"Message {i}");

        var page = await Db.ChatQueries.HistoryAsync(null, ChatRooms.Lobby, ct: Ct);

        Assert.Equal(Enumerable.Range(10, 50).Select(i => $"Message {i}"), page.Items.Select(m => m.Text));
        Assert.True(page.More);
        Assert.Equal(("Alice", Alice.UserName), (page.Items[0].Sender.DisplayName, page.Items[0].Sender.UserName));
    }

    [Fact]
    public async Task HistoryAsync_NewMessagesArriveBetweenPages_EarlierPagesNeitherRepeatNorSkip()
    {
        await ArrangeMembersAsync();
        for (var i = 0; i < 25; i++) await SayAsync(Alice, $"Old {i}");
        var first = await Db.ChatQueries.HistoryAsync(Bob.Id, ChatRooms.Lobby, take: 10, ct: Ct);

        for (var i = 0; i < 3; i++) await SayAsync(Carol, $"New {i}");
        var earlier = new List<ChatMessageView>();
        var before = first.Items[0].Id;
        ChatPage page;
        do
        {
            page = await Db.ChatQueries.HistoryAsync(Bob.Id, ChatRooms.Lobby, before, 10, Ct);
            earlier.InsertRange(0, page.Items);
            if (page.Items.Count > 0) before = page.Items[0].Id;
        } while (page.More);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"Old {i}"), earlier.Concat(first.Items).Select(m => m.Text));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(17, 5)]
    [InlineData(20, 5)]
    public async Task AfterAsync_CatchUpFromTheLastIdShown_ReturnsEveryLaterMessageOnceInOrder(int missed, int pageSize)
    {
        await ArrangeMembersAsync();
        for (var i = 0; i < 5; i++) await SayAsync(Alice, $"Seen {i}");
        var shown = await Db.ChatQueries.HistoryAsync(Bob.Id, ChatRooms.Lobby, ct: Ct);
        // The connection drops; meanwhile the room goes on, one message is deleted and a private message is sent.
        var sent = new List<ChatMessageView>();
        for (var i = 0; i < missed; i++)
        {
            sent.Add(await SayAsync(i % 2 == 0 ? Carol : Alice, $"Missed {i}"));
            if (i == 3) await WhisperAsync(Carol, Alice, "Private, not in the room");
        }
        if (missed > 0) await Db.Chat.DeleteAsync(sent[0].Sender.Id, sent[0].Id, Ct);

        var caughtUp = new List<ChatMessageView>();
        var after = shown.Items[^1].Id;
        ChatPage page;
        do
        {
            page = await Db.ChatQueries.AfterAsync(Bob.Id, ChatRooms.Lobby, after, pageSize, Ct);
            caughtUp.AddRange(page.Items);
            if (page.Items.Count > 0) after = page.Items[^1].Id;
        } while (page.More);

        Assert.Equal(sent.Select(m => m.Id), caughtUp.Select(m => m.Id));
        Assert.Equal(Enumerable.Range(1, Math.Max(0, missed - 1)).Select(i => $"Missed {i}"), caughtUp.Skip(1).Select(m => m.Text));
        if (missed > 0) Assert.Equal((true, ""), (caughtUp[0].Deleted, caughtUp[0].Text));
    }

    [Fact]
    public async Task HistoryAsync_Visitor_ReadsTheLobbyAndMovieRooms()
    {
        await ArrangeMembersAsync();
        await SayAsync(Alice, "In the lobby");
        await SayAsync(Bob, "At the watch party", MovieRoom);

        var lobby = await Db.ChatQueries.HistoryAsync(null, "lobby", ct: Ct);
        var movie = await Db.ChatQueries.HistoryAsync(null, MovieRoom, ct: Ct);

        Assert.Equal("In the lobby", Assert.Single(lobby.Items).Text);
        Assert.Equal("At the watch party", Assert.Single(movie.Items).Text);
        Assert.Equal("Heat watch party", (await Db.ChatQueries.GetRoomAsync(MovieRoom, Ct)).DisplayName);
    }

    [Fact]
    public async Task HistoryAsync_RoomNameInAnyCase_IsTheSameRoom()
    {
        await ArrangeMembersAsync();
        await SayAsync(Alice, "Hello", "LOBBY");
        await SayAsync(Bob, "Hi", MovieRoom.ToUpperInvariant());

        Assert.Equal(["Hello"], (await Db.ChatQueries.HistoryAsync(null, "Lobby", ct: Ct)).Items.Select(m => m.Text));
        Assert.Equal(MovieRoom, Assert.Single((await Db.ChatQueries.HistoryAsync(null, MovieRoom, ct: Ct)).Items).Room);
    }

    [Theory]
    [InlineData("kitchen")]
    [InlineData("movie-999999")]
    [InlineData("movie-07")]
    [InlineData("movie-")]
    [InlineData("movie--1")]
    [InlineData("")]
    [InlineData(null)]
    public async Task HistoryAndSend_UnknownRoom_NotFoundAndNothingStored(string? room)
    {
        await ArrangeMembersAsync();

        var read = await Assert.ThrowsAsync<ForumException>(() => Db.ChatQueries.HistoryAsync(Alice.Id, room, ct: Ct));
        var catchUp = await Assert.ThrowsAsync<ForumException>(() => Db.ChatQueries.AfterAsync(Alice.Id, room, 0, ct: Ct));
        var send = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.SendAsync(Alice.Id, room, "Anyone?", ct: Ct));

        Assert.All([read, catchUp, send], e => Assert.Equal(ForumErrorKind.NotFound, e.Kind));
        Assert.Equal(0, await StoredMessagesAsync());
    }

    [Fact]
    public async Task ListRoomsAsync_LobbyFirstThenRoomsWithRecentMessages()
    {
        await ArrangeMembersAsync();
        var quiet = await Db.AddPostAsync(Bob.Id, "Alien");
        var busy = await Db.AddPostAsync(Bob.Id, "Fargo");
        await SayAsync(Alice, "Heat first", MovieRoom);
        await SayAsync(Alice, "Then Fargo", ChatRooms.Movie(busy));
        await SayAsync(Alice, "Lobby chatter");

        var rooms = await Db.ChatQueries.ListRoomsAsync(ct: Ct);

        Assert.Equal(["Lobby", "Fargo watch party", "Heat watch party"], rooms.Select(r => r.Room.DisplayName));
        Assert.DoesNotContain(rooms, r => r.Room.PostId == quiet);
    }
}
