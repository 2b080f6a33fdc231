using Forum.Data.Chat;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>
/// Refusals on /ws chat reach the sender only, as an <c>error</c>, store nothing and leave the socket open; ignoring a member
/// hides their room messages from every socket of the one who ignores. The app keeps its real flood rules.
/// </summary>
public sealed class ChatSocketRulesTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("kitchen", "There is no chat room called “kitchen”")]
    [InlineData("movie-007", "There is no chat room called “movie-007”")]
    [InlineData("movie-2000000000", "That movie has no chat room")]
    public async Task Join_UnknownRoom_AnswersErrorAndTheSocketStays(string room, string error)
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);

        await ann.SendAsync("join", room);

        Assert.StartsWith(error, (await ann.NextAsync("error")).GetString());
        Assert.Empty(await ann.JoinAsync(s.Room));
        Assert.Equal(0, app.Get<Forum.App.Features.Realtime.Chat.ChatFanout>().ListenerCount(room));
    }

    [Theory]
    [InlineData("""{"event":"join","message":7}""", "join needs a room name")]
    [InlineData("""{"event":"join","message":"lobby","after":"soon"}""", "join needs a room name")]
    [InlineData("""{"event":"join","message":{"room":"lobby","after":-1}}""", "join needs a room name")]
    [InlineData("""{"event":"leave","message":null}""", "leave needs a room name")]
    [InlineData("""{"event":"chat","message":"hello"}""", "chat needs {")]
    [InlineData("""{"event":"chat","message":{"room":"lobby","text":5}}""", "chat needs {")]
    [InlineData("""{"event":"chat","message":{"room":"lobby","text":"hi","requestId":"draft-1"}}""", "chat needs {")]
    public async Task ChatEvents_MalformedMessages_AnswerErrorAndChangeNothing(string frame, string error)
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        var lobbyBefore = (await app.Get<ChatQueries>().HistoryAsync(null, ChatRooms.Lobby, ct: Ct)).Items.Count;

        await ann.SendRawAsync(frame);

        Assert.StartsWith(error, (await ann.NextAsync("error")).GetString());
        await ann.ExpectQuietAsync(100);
        Assert.Empty(app.Get<ChatQueries>().WhoIsHere(ChatRooms.Lobby).Members.Where(m => m.UserName == s.Ann.UserName));
        Assert.Equal(lobbyBefore, (await app.Get<ChatQueries>().HistoryAsync(null, ChatRooms.Lobby, ct: Ct)).Items.Count);
    }

    [Fact]
    public async Task Chat_TextTooLongOrBlank_IsAnErrorToTheSenderOnlyAndNothingIsStored()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await ben.JoinAsync(s.Room);
        await ann.JoinAsync(s.Room);

        await ann.ChatAsync(s.Room, new string('x', ChatRules.TextMax + 1));
        var tooLong = (await ann.NextAsync("error")).GetString();
        await ann.ChatAsync(s.Room, "   ");
        var blank = (await ann.NextAsync("error")).GetString();

        Assert.Contains("1,000", tooLong);
        Assert.False(string.IsNullOrWhiteSpace(blank));
        Assert.Equal(s.Ann.UserName, (await ben.NextAsync("joined")).Str("user"));
        await ben.ExpectQuietAsync();
        Assert.Empty(await s.StoredIdsAsync());
    }

    [Fact]
    public async Task Chat_Flood_TheSenderIsToldToWaitAndTheRoomGetsOnlyWhatWasAdmitted()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await ben.JoinAsync(s.Room);
        var limit = new ChatOptions().MessagesPerWindow;

        for (var i = 0; i <= limit; i++) await ann.ChatAsync(s.Room, $"message {i}");
        var error = (await ann.NextAsync("error")).GetString();

        Assert.Contains("too fast", error);
        Assert.Contains("wait", error);
        for (var i = 0; i < limit; i++) Assert.Equal($"message {i}", (await ben.NextAsync("chat")).Str("text"));
        await ben.ExpectQuietAsync();
        Assert.Equal(limit, (await s.StoredIdsAsync()).Count);
    }

    [Fact]
    public async Task Chat_MentionOfNoOne_IsAnErrorToTheSenderOnlyAndNothingIsStored()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await ben.JoinAsync(s.Room);
        await ann.JoinAsync(s.Room);
        await ben.NextAsync("joined");

        await ann.ChatAsync(s.Room, "@nobody_here psst");

        Assert.Equal("There is no member called nobody_here, so nothing was sent.", (await ann.NextAsync("error")).GetString());
        await ben.ExpectQuietAsync();
        Assert.Empty(await s.StoredIdsAsync());
        Assert.Empty((await app.Get<ChatQueries>().ConversationsAsync(s.Ann.Id, ct: Ct)).Items);
    }

    [Fact]
    public async Task Ignore_FollowedLive_HidesTheirRoomMessagesFromEverySocketOfTheMemberAndFromHistory()
    {
        var s = await ChatScenario.CreateAsync(app);
        var chat = app.Get<ChatService>();
        await using var cat = await app.SignedInSocketAsync(s.Cat.UserName);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);
        await cat.JoinAsync(s.Room);
        await ann.JoinAsync(s.Room);
        await cat.NextAsync("joined");

        await chat.IgnoreAsync(s.Cat.Id, s.Ben.UserName, Ct);
        await SyncMemberTopicAsync(s, cat);
        await s.SayAsync(s.Ben, "You cannot hear me");
        await s.SayAsync(s.Ann, "But you hear me");
        var whileIgnoring = (await cat.NextAsync("chat")).Str("text");
        await using var catPhone = await app.SignedInSocketAsync(s.Cat.UserName);
        var history = await catPhone.JoinAsync(s.Room, ownJoined: false);
        await chat.UnignoreAsync(s.Cat.Id, s.Ben.UserName, Ct);
        await SyncMemberTopicAsync(s, cat, catPhone);
        await s.SayAsync(s.Ben, "Now you can");

        Assert.Equal(["You cannot hear me", "But you hear me", "Now you can"], [(await ann.NextAsync("chat")).Str("text"),
            (await ann.NextAsync("chat")).Str("text"), (await ann.NextAsync("chat")).Str("text")]);
        Assert.Equal("But you hear me", whileIgnoring);
        Assert.Equal(["But you hear me"], history.Select(m => m.Str("text")));
        Assert.Equal("Now you can", (await cat.NextAsync("chat")).Str("text"));
        Assert.Equal("Now you can", (await catPhone.NextAsync("chat")).Str("text"));
    }

    /// <summary>
    /// A private message to Cat goes down Cat's topic after the ignore change published before it (one topic, one order):
    /// once her sockets show it, they follow the change.
    /// </summary>
    private async Task SyncMemberTopicAsync(ChatScenario s, params LiveSocket[] sockets)
    {
        // From a member with no socket of their own, so only Cat's sockets see it.
        var sender = await app.AddMemberAsync($"sync{Guid.NewGuid():N}"[..20]);
        await app.Get<ChatService>().SendDirectAsync(sender, s.Cat.UserName, "sync", ct: Ct);
        foreach (var socket in sockets)
        {
            await socket.NextAsync("direct");
            await socket.NextAsync("notification");
            await socket.NextAsync("message");
        }
    }
}
