using System.Text.Json;
using Forum.Data.Chat;
using Forum.Data.Posts;

namespace Forum.Tests.TestSupport;

/// <summary>
/// A fresh movie room per test on a shared app, and three fresh members (so the flood rules and other tests' rooms never
/// meet): Ann, Ben and Cat, by user name for sockets, tokens and @mentions, and by id for the services.
/// </summary>
public sealed record ChatScenario(ForumAppFactory App, string Room, int PostId, ChatScenario.Person Ann, ChatScenario.Person Ben, ChatScenario.Person Cat)
{
    public sealed record Person(string UserName, string Id)
    {
        public string DisplayName => "Member " + UserName;
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<ChatScenario> CreateAsync(ForumAppFactory app)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        async Task<Person> Add(string name) => new($"{name}{tag}", await app.AddMemberAsync($"{name}{tag}"));
        var (ann, ben, cat) = (await Add("ann"), await Add("ben"), await Add("cat"));
        var post = await app.Get<PostService>().CreateAsync(ann.Id, new NewPost($"Film {tag}", 1999, ["Drama"], "About it."), Ct);
        return new ChatScenario(app, ChatRooms.Movie(post), post, ann, ben, cat);
    }

    /// <summary>A room message through the service every door uses.</summary>
    public Task<ChatMessageView> SayAsync(Person who, string text, string? room = null) =>
        App.Get<ChatService>().SendAsync(who.Id, room ?? Room, text, Guid.NewGuid(), Ct);

    /// <summary>Every stored message of the room (as a visitor sees it), oldest first.</summary>
    public async Task<List<long>> StoredIdsAsync(long after = 0)
    {
        var ids = new List<long>();
        while (true)
        {
            var page = await App.Get<ChatQueries>().AfterAsync(null, Room, after, 200, Ct);
            ids.AddRange(page.Items.Select(m => m.Id));
            if (!page.More) return ids;
            after = ids[^1];
        }
    }
}

/// <summary>Chat over a live socket, as a client script does it.</summary>
public static class ChatSocket
{
    /// <summary>Sends join and returns the history's items; with <paramref name="ownJoined"/>, also reads the member's own <c>joined</c>.</summary>
    public static async Task<JsonElement[]> JoinAsync(this LiveSocket socket, string room, bool ownJoined = true)
    {
        await socket.SendAsync("join", room);
        var history = await socket.NextAsync("history");
        Assert.Equal(room, history.GetProperty("room").GetString());
        Assert.False(history.GetProperty("more").GetBoolean());
        Assert.False(history.GetProperty("gap").GetBoolean());
        if (ownJoined) Assert.Equal(room, (await socket.NextAsync("joined")).GetProperty("room").GetString());
        return history.Items();
    }

    /// <summary>
    /// Sends join with <c>after</c> and reads every <c>history</c> frame of it (each but the last marked <c>more</c>); then
    /// the member's own <c>joined</c> when <paramref name="ownJoined"/>.
    /// </summary>
    public static async Task<(List<JsonElement[]> Frames, bool Gap)> JoinAfterAsync(this LiveSocket socket, string room, long after, bool ownJoined = true)
    {
        await socket.SendAsync("join", new { room, after });
        var frames = new List<JsonElement[]>();
        var gap = false;
        while (true)
        {
            var history = await socket.NextAsync("history");
            Assert.Equal(room, history.GetProperty("room").GetString());
            frames.Add(history.Items());
            gap = history.GetProperty("gap").GetBoolean();
            if (!history.GetProperty("more").GetBoolean()) break;
        }
        if (ownJoined) Assert.Equal(room, (await socket.NextAsync("joined")).GetProperty("room").GetString());
        return (frames, gap);
    }

    public static Task ChatAsync(this LiveSocket socket, string room, string text, Guid? requestId = null) =>
        socket.SendAsync("chat", new { room, text, requestId = requestId ?? Guid.NewGuid() });

    public static long[] Ids(this IEnumerable<JsonElement> messages) => [.. messages.Select(m => m.GetProperty("id").GetInt64())];
}

/// <summary>A live app whose flood rules let a test send many messages quickly (the rules have their own tests).</summary>
public sealed class ChatLiveApp() : LiveAppFactory(new Dictionary<string, string?>
{
    ["Forum:Chat:MessagesPerWindow"] = "100000",
    ["Forum:Chat:DuplicateSeconds"] = "0",
});
