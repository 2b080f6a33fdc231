using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Data.Chat;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>
/// Chat rooms through the API: the room list, history back and forward, sending (also privately with @name), the same
/// shapes as /ws, and the author's delete. On a real socket beside /ws clients, with flood rules out of the way
/// (<see cref="ChatApiRulesTests"/> keeps them).
/// </summary>
public sealed class ChatApiTests(ChatLiveApp app) : IClassFixture<ChatLiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rooms_AnyoneSeesTheLobbyFirstThenActiveMovieRoomsWithWhoIsOnline()
    {
        var s = await ChatScenario.CreateAsync(app);
        await s.SayAsync(s.Ann, "Anyone watching tonight?");
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await ben.JoinAsync(s.Room);
        var visitor = await app.HttpClientForAsync(null);

        var rooms = (await ApiAssert.JsonAsync(await visitor.GetAsync("/api/chat/rooms", Ct))).Items();
        var room = await ApiAssert.JsonAsync(await visitor.GetAsync($"/api/chat/rooms/{s.Room.ToUpperInvariant()}", Ct));

        Assert.Equal((ChatRooms.Lobby, "Lobby", JsonValueKind.Null), (rooms[0].Str("name"), rooms[0].Str("displayName"), rooms[0].GetProperty("postId").ValueKind));
        var listed = rooms.Single(r => r.Str("name") == s.Room);
        Assert.Equal((s.PostId, 1), (listed.Int("postId"), listed.Int("online")));
        Assert.EndsWith("watch party", listed.Str("displayName"));
        Assert.Equal((s.Room, 1, 0), (room.Str("name"), room.Int("online"), room.Int("visitors")));
        Assert.Equal((s.Ben.UserName, s.Ben.DisplayName), (room.GetProperty("members")[0].Str("userName"), room.GetProperty("members")[0].Str("displayName")));
    }

    [Fact]
    public async Task History_LatestPageOldestFirst_ThenBeforeOrNextWalksTheWholeHistoryOnce()
    {
        var s = await ChatScenario.CreateAsync(app);
        var sent = new List<long>();
        for (var i = 0; i < 120; i++) sent.Add((await s.SayAsync(i % 2 == 0 ? s.Ann : s.Ben, $"line {i}")).Id);
        var visitor = await app.HttpClientForAsync(null);

        var latest = await ApiAssert.JsonAsync(await visitor.GetAsync($"/api/chat/rooms/{s.Room}/messages", Ct));
        var byCursor = new List<long>(latest.Items().Ids());
        for (var next = latest.Next(); next is not null;)
        {
            var page = await ApiAssert.JsonAsync(await visitor.GetAsync($"/api/chat/rooms/{s.Room}/messages?cursor={next}", Ct));
            byCursor.InsertRange(0, page.Items().Ids());
            next = page.Next();
        }
        var byId = new List<long>();
        for (long? before = null; ;)
        {
            var page = await ApiAssert.JsonAsync(await visitor.GetAsync($"/api/chat/rooms/{s.Room}/messages?limit=7{(before is null ? "" : $"&before={before}")}", Ct));
            byId.InsertRange(0, page.Items().Ids());
            if (page.Next() is null) break;
            before = page.Items()[0].Long("id");
        }

        Assert.Equal(sent[^50..], latest.Items().Ids());
        Assert.Equal(("line 70", s.Ann.UserName, s.Room), (latest.Items()[0].Str("text"), latest.Items()[0].Str("from"), latest.Items()[0].Str("room")));
        Assert.Equal(sent, byCursor);
        Assert.Equal(sent, byId);
    }

    [Fact]
    public async Task History_After_AnswersWhatCameSinceThenNextUntilCaughtUp()
    {
        var s = await ChatScenario.CreateAsync(app);
        var sent = new List<long>();
        for (var i = 0; i < 30; i++) sent.Add((await s.SayAsync(s.Ann, $"line {i}")).Id);
        var ben = await app.HttpClientForAsync(s.Ben.UserName);

        var caughtUp = new List<long>();
        var page = await ApiAssert.JsonAsync(await ben.GetAsync($"/api/chat/rooms/{s.Room}/messages?after={sent[9]}&limit=8", Ct));
        while (true)
        {
            caughtUp.AddRange(page.Items().Ids());
            if (page.Next() is not { } next) break;
            page = await ApiAssert.JsonAsync(await ben.GetAsync($"/api/chat/rooms/{s.Room}/messages?cursor={next}&limit=8", Ct));
        }
        var nothingNew = await ApiAssert.JsonAsync(await ben.GetAsync($"/api/chat/rooms/{s.Room}/messages?after={sent[^1]}", Ct));

        Assert.Equal(sent[10..], caughtUp);
        Assert.Equal((0, null), (nothingNew.Items().Length, nothingNew.Next()));
    }

    [Fact]
    public async Task History_CursorOfAnotherRoomOrSeveralPositions_Answers400()
    {
        var s = await ChatScenario.CreateAsync(app);
        for (var i = 0; i < 3; i++) await s.SayAsync(s.Ann, $"line {i}");
        var visitor = await app.HttpClientForAsync(null);
        var next = (await ApiAssert.JsonAsync(await visitor.GetAsync($"/api/chat/rooms/{s.Room}/messages?limit=1", Ct))).Next();

        var foreign = await ApiAssert.ProblemAsync(await visitor.GetAsync($"/api/chat/rooms/lobby/messages?cursor={next}", Ct), HttpStatusCode.BadRequest);
        var both = await ApiAssert.ProblemAsync(await visitor.GetAsync($"/api/chat/rooms/{s.Room}/messages?before=9&after=3", Ct), HttpStatusCode.BadRequest);
        var negative = await ApiAssert.ProblemAsync(await visitor.GetAsync($"/api/chat/rooms/{s.Room}/messages?after=-1", Ct), HttpStatusCode.BadRequest);

        Assert.Contains("cursor", foreign.Detail);
        Assert.Contains("not several", both.Detail);
        Assert.Contains("message ids", negative.Detail);
    }

    [Theory]
    [InlineData("GET", "kitchen")]
    [InlineData("GET", "movie-987654")]
    [InlineData("POST", "kitchen")]
    [InlineData("POST", "movie-07")]
    public async Task UnknownRoom_Answers404Problem(string method, string room)
    {
        var ann = await app.HttpClientForAsync((await ChatScenario.CreateAsync(app)).Ann.UserName);
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/chat/rooms/{room}/messages")
        {
            Content = method == "POST" ? JsonContent.Create(new { text = "Hello?" }) : null,
        };

        var problem = await ApiAssert.ProblemAsync(await ann.SendAsync(request, Ct), HttpStatusCode.NotFound);

        Assert.Contains("chat room", problem.Detail);
    }

    [Fact]
    public async Task Send_Answers201WithTheMessageInTheSameShapeTheRoomsSocketsGet()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await ben.JoinAsync(s.Room);
        var ann = await app.HttpClientForAsync(s.Ann.UserName);

        var response = await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = "  Popcorn ready  ", id = 1, from = "someone" }, Ct);
        var message = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        var live = await ben.NextAsync("chat");

        Assert.Equal(live.GetRawText(), message.GetRawText());
        Assert.Equal((s.Room, s.Ann.UserName, "Popcorn ready"), (message.Str("room"), message.Str("from"), message.Str("text")));
        Assert.Equal($"/api/chat/messages/{message.Long("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(message.GetRawText(), (await ApiAssert.JsonAsync(await ann.GetAsync(response.Headers.Location, Ct))).GetRawText());
        Assert.Equal([message.Long("id")], await s.StoredIdsAsync());
    }

    [Fact]
    public async Task Send_Mention_IsPrivateToThatMemberAsOnTheSocket()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var ben = await app.SignedInSocketAsync(s.Ben.UserName);
        await using var cat = await app.SignedInSocketAsync(s.Cat.UserName);
        await cat.JoinAsync(s.Room);
        var ann = await app.HttpClientForAsync(s.Ann.UserName);

        var message = await ApiAssert.JsonAsync(
            await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = $"@{s.Ben.UserName} meet at 8?" }, Ct), HttpStatusCode.Created);

        Assert.Equal((await ben.NextAsync("direct")).GetRawText(), message.GetRawText());
        Assert.Equal((s.Ben.UserName, s.Ben.DisplayName, "meet at 8?"), (message.Str("to"), message.Str("toName"), message.Str("text")));
        Assert.False(message.TryGetProperty("room", out _));
        await cat.ExpectQuietAsync();
        Assert.Empty(await s.StoredIdsAsync());
    }

    [Fact]
    public async Task Send_SameRequestIdTwice_AnswersTheFirstMessageAndStoresOne()
    {
        var s = await ChatScenario.CreateAsync(app);
        var ann = await app.HttpClientForAsync(s.Ann.UserName);
        var draft = new { text = "Once only", requestId = Guid.NewGuid() };

        var first = await ApiAssert.JsonAsync(await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", draft, Ct), HttpStatusCode.Created);
        var again = await ApiAssert.JsonAsync(await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", draft, Ct), HttpStatusCode.Created);

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal([first.Long("id")], await s.StoredIdsAsync());
    }

    [Fact]
    public async Task Rooms_VisitorReadsButCannotWrite_AndABadTokenIsRefusedNotReadAsAVisitor()
    {
        var s = await ChatScenario.CreateAsync(app);
        await s.SayAsync(s.Ann, "Public words");
        var visitor = await app.HttpClientForAsync(null);
        var garbled = await app.HttpClientForAsync(null);
        garbled.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");

        var read = await ApiAssert.JsonAsync(await visitor.GetAsync($"/api/chat/rooms/{s.Room}/messages", Ct));
        await ApiAssert.ProblemAsync(await visitor.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = "Let me in" }, Ct), HttpStatusCode.Unauthorized);
        foreach (var path in new[] { "/api/chat/rooms", $"/api/chat/rooms/{s.Room}", $"/api/chat/rooms/{s.Room}/messages", "/api/chat/messages/1" })
            await ApiAssert.ProblemAsync(await garbled.GetAsync(path, Ct), HttpStatusCode.Unauthorized);

        Assert.Equal("Public words", Assert.Single(read.Items()).Str("text"));
        Assert.Single(await s.StoredIdsAsync());
    }

    [Fact]
    public async Task Delete_TheAuthorWithinFiveMinutes_LeavesAPlaceholderLive_OthersAndLateAreRefused()
    {
        var s = await ChatScenario.CreateAsync(app);
        var (ann, ben) = (await app.HttpClientForAsync(s.Ann.UserName), await app.HttpClientForAsync(s.Ben.UserName));
        await using var cat = await app.SignedInSocketAsync(s.Cat.UserName);
        await cat.JoinAsync(s.Room);
        var oops = await s.SayAsync(s.Ann, "Oops, spoiler");
        var later = await s.SayAsync(s.Ann, "Kept");
        await cat.NextAsync("chat");
        await cat.NextAsync("chat");

        await ApiAssert.ProblemAsync(await ben.DeleteAsync($"/api/chat/messages/{oops.Id}", Ct), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await ann.DeleteAsync($"/api/chat/messages/{oops.Id}", Ct)).StatusCode);
        var removed = await cat.NextAsync("removed");
        app.Clock.Advance(ChatRules.DeleteWindow + TimeSpan.FromSeconds(1));
        var late = await ApiAssert.ProblemAsync(await ann.DeleteAsync($"/api/chat/messages/{later.Id}", Ct), HttpStatusCode.Conflict);

        Assert.Equal(("chat", oops.Id), (removed.Str("kind"), removed.Long("id")));
        var history = (await ApiAssert.JsonAsync(await ben.GetAsync($"/api/chat/rooms/{s.Room}/messages", Ct))).Items();
        Assert.Equal([("", true), ("Kept", false)], history.Select(m => (m.Str("text"), m.GetProperty("deleted").GetBoolean())));
        Assert.Contains("5 minutes", late.Detail);
    }

    [Fact]
    public async Task Ignore_HidesTheirRoomMessagesFromMyReadsOnly_UntilUndone()
    {
        var s = await ChatScenario.CreateAsync(app);
        await s.SayAsync(s.Ann, "From Ann");
        await s.SayAsync(s.Cat, "From Cat");
        var ben = await app.HttpClientForAsync(s.Ben.UserName);
        var visitor = await app.HttpClientForAsync(null);
        async Task<string[]> TextsAsync(HttpClient client) =>
            [.. (await ApiAssert.JsonAsync(await client.GetAsync($"/api/chat/rooms/{s.Room}/messages", Ct))).Items().Select(m => m.Str("text"))];

        Assert.Equal(HttpStatusCode.NoContent, (await ben.PutAsync($"/api/users/{s.Ann.UserName}/ignore", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ben.PutAsync($"/api/users/{s.Ann.UserName}/ignore", null, Ct)).StatusCode);
        var ignored = (await ApiAssert.JsonAsync(await ben.GetAsync("/api/chat/ignores", Ct))).Items();
        var hidden = await TextsAsync(ben);
        var forOthers = await TextsAsync(visitor);
        Assert.Equal(HttpStatusCode.NoContent, (await ben.DeleteAsync($"/api/users/{s.Ann.UserName}/ignore", Ct)).StatusCode);

        Assert.Equal([s.Ann.UserName], ignored.Select(m => m.Str("userName")));
        Assert.Equal(["From Cat"], hidden);
        Assert.Equal(["From Ann", "From Cat"], forOthers);
        Assert.Equal(["From Ann", "From Cat"], await TextsAsync(ben));
        await ApiAssert.ProblemAsync(await ben.PutAsync("/api/users/nobody-at-all/ignore", null, Ct), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await ben.PutAsync($"/api/users/{s.Ben.UserName}/ignore", null, Ct), HttpStatusCode.BadRequest);
    }
}
