using Forum.Data.Chat;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>Chat on /ws: join and its history, messages both ways, who comes and goes, deletions, leaving.</summary>
public sealed class ChatSocketTests(ChatLiveApp app) : IClassFixture<ChatLiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Join_AnswersTheLatestPageOldestFirst_ThenLiveChatToEverySocketInTheRoomOnly()
    {
        var s = await ChatScenario.CreateAsync(app);
        var sent = new List<ChatMessageView>();
        for (var i = 0; i < 55; i++) sent.Add(await s.SayAsync(s.Ben, $"old {i}"));
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await using var outside = await app.SignedInSocketAsync(s.Cat.UserName);

        var history = await ann.JoinAsync(s.Room);
        await ben.JoinAsync(s.Room);
        await ann.NextAsync("joined");
        await ann.ChatAsync(s.Room, "Hello room");

        Assert.Equal(sent.Skip(5).Select(m => m.Id), history.Ids());
        Assert.Equal(("old 5", s.Ben.UserName, s.Ben.DisplayName), (history[0].Str("text"), history[0].Str("from"), history[0].Str("fromName")));
        foreach (var socket in new[] { ann, ben })
        {
            var chat = await socket.NextAsync("chat");
            Assert.Equal((s.Room, "Hello room", s.Ann.UserName, s.Ann.DisplayName, false),
                (chat.Str("room"), chat.Str("text"), chat.Str("from"), chat.Str("fromName"), chat.GetProperty("deleted").GetBoolean()));
            Assert.EndsWith("Z", chat.Str("at"));
            Assert.False(chat.TryGetProperty("to", out _));
        }
        await outside.ExpectQuietAsync();
    }

    [Fact]
    public async Task JoinedAndLeft_CountAPersonOnceWhateverTheirSockets()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await ann.JoinAsync(s.Room);
        var phone = await app.SignedInSocketAsync(s.Ben.UserName);
        var laptop = await app.SignedInSocketAsync(s.Ben.UserName);

        await phone.JoinAsync(s.Room);
        var joined = await ann.NextAsync("joined");
        await laptop.JoinAsync(s.Room, ownJoined: false);
        await laptop.SendAsync("leave", s.Room);
        await laptop.SyncAsync();
        await laptop.DisposeAsync();
        await ann.ExpectQuietAsync();
        Assert.Equal(2, app.Get<ChatQueries>().WhoIsHere(s.Room).Members.Count);
        await phone.DisposeAsync();
        var left = await ann.NextAsync("left");

        Assert.Equal((s.Room, s.Ben.UserName, s.Ben.DisplayName, 2), (joined.Str("room"), joined.Str("user"), joined.Str("displayName"), joined.Int("online")));
        Assert.Equal((s.Room, s.Ben.UserName, 1), (left.Str("room"), left.Str("user"), left.Int("online")));
        Assert.Equal([s.Ann.UserName], app.Get<ChatQueries>().WhoIsHere(s.Room).Members.Select(m => m.UserName));
    }

    [Fact]
    public async Task Leave_StopsTheRoomsEventsAndLeavesPresence()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await ann.JoinAsync(s.Room);
        await ben.JoinAsync(s.Room);
        await ann.NextAsync("joined");

        await ben.SendAsync("leave", s.Room);
        await ben.SyncAsync();
        var left = await ann.NextAsync("left");
        await s.SayAsync(s.Ann, "Still here?");

        Assert.Equal((s.Ben.UserName, 1), (left.Str("user"), left.Int("online")));
        Assert.Equal("Still here?", (await ann.NextAsync("chat")).Str("text"));
        await ben.ExpectQuietAsync();
        Assert.Equal(1, app.Get<ChatQueries>().WhoIsHere(s.Room).Members.Count);
    }

    [Fact]
    public async Task Delete_ByTheAuthor_ArrivesAsRemovedChat()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await ann.JoinAsync(s.Room);
        var message = await s.SayAsync(s.Ben, "Oops");
        await ann.NextAsync("chat");

        await app.Get<ChatService>().DeleteAsync(s.Ben.Id, message.Id, Ct);

        Assert.Equal($$"""{"kind":"chat","id":{{message.Id}}}""", (await ann.NextAsync("removed")).GetRawText());
        var history = await ann.JoinAsync(s.Room, ownJoined: false);
        Assert.Equal(("", true), (history[0].Str("text"), history[0].GetProperty("deleted").GetBoolean()));
    }

    [Fact]
    public async Task Chat_PrivateMention_IsDirectToBothMembersEverySocketAndToNoOneElse()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await using var annPhone = await app.SignedInSocketAsync(s.Ann.UserName);
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await using var cat = await app.SignedInSocketAsync(s.Cat.UserName);
        await ann.JoinAsync(s.Room);
        await cat.JoinAsync(s.Room);
        await ann.NextAsync("joined");

        await ann.ChatAsync(s.Room, $"@{s.Ben.UserName} just between us");

        foreach (var socket in new[] { ann, annPhone, ben })
        {
            var direct = await socket.NextAsync("direct");
            Assert.Equal((s.Ben.UserName, s.Ben.DisplayName, s.Ann.UserName, "just between us"),
                (direct.Str("to"), direct.Str("toName"), direct.Str("from"), direct.Str("text")));
            Assert.False(direct.TryGetProperty("room", out _));
        }
        Assert.Equal("direct", (await ben.NextAsync("notification")).Str("kind"));
        await cat.ExpectQuietAsync();
        Assert.Empty(await s.StoredIdsAsync());
    }

    [Fact]
    public async Task Chat_SameRequestIdTwice_IsStoredAndBroadcastOnce()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await ann.JoinAsync(s.Room);
        var draft = Guid.NewGuid();

        await ann.ChatAsync(s.Room, "Once", draft);
        var first = await ann.NextAsync("chat");
        await ann.ChatAsync(s.Room, "Once", draft);
        await ann.SyncAsync();

        await ann.ExpectQuietAsync();
        Assert.Equal([first.Long("id")], await s.StoredIdsAsync());
    }

    [Fact]
    public async Task Join_TheLobbyInAnyCase_AnswersItsCanonicalName()
    {
        await using var socket = await app.SignedInSocketAsync("dave");

        await socket.SendAsync("join", "LOBBY");

        Assert.Equal(ChatRooms.Lobby, (await socket.NextAsync("history")).Str("room"));
        var joined = await socket.NextAsync("joined");
        Assert.Equal((ChatRooms.Lobby, "dave"), (joined.Str("room"), joined.Str("user")));
        await socket.SendAsync("leave", "Lobby");
        await socket.SyncAsync();
        Assert.DoesNotContain(app.Get<ChatQueries>().WhoIsHere(ChatRooms.Lobby).Members, m => m.UserName == "dave");
    }
}
