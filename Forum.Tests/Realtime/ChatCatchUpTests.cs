using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>
/// A socket that comes back joins with <c>after</c>, the last id it showed: its history is exactly what it missed, in
/// frames of 100, then live messages, none lost and none twice, even while the room keeps talking. Past 500 missed
/// it gets the latest page marked <c>gap</c> instead of the room's whole past.
/// </summary>
public sealed class ChatCatchUpTests(ChatLiveApp app) : IClassFixture<ChatLiveApp>
{
    [Fact]
    public async Task JoinAfter_TheLastIdShown_AnswersExactlyTheMissedMessagesThenLive()
    {
        var s = await ChatScenario.CreateAsync(app);
        var dropped = await app.SignedInSocketAsync(s.Ann.UserName);
        await dropped.JoinAsync(s.Room);
        await s.SayAsync(s.Ben, "before the drop");
        var lastShown = (await dropped.NextAsync("chat")).Long("id");
        await dropped.DisposeAsync();
        var missed = new List<long>();
        for (var i = 0; i < 7; i++) missed.Add((await s.SayAsync(i % 2 == 0 ? s.Ben : s.Cat, $"while away {i}")).Id);

        await using var back = await app.SignedInSocketAsync(s.Ann.UserName);
        var (frames, gap) = await back.JoinAfterAsync(s.Room, lastShown);
        var live = await s.SayAsync(s.Ben, "welcome back");

        Assert.Equal(missed, Assert.Single(frames).Ids());
        Assert.False(gap);
        Assert.Equal(("while away 0", s.Ben.UserName), (frames[0][0].Str("text"), frames[0][0].Str("from")));
        Assert.Equal(live.Id, (await back.NextAsync("chat")).Long("id"));
        await back.ExpectQuietAsync();
    }

    [Fact]
    public async Task JoinAfter_AsABareRoomNameWithAfterBeside_IsTheSameCatchUp()
    {
        var s = await ChatScenario.CreateAsync(app);
        var first = await s.SayAsync(s.Ben, "one");
        var second = await s.SayAsync(s.Ben, "two");
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);

        await ann.SendRawAsync($$"""{"event":"join","message":"{{s.Room}}","after":{{first.Id}}}""");

        var history = await ann.NextAsync("history");
        Assert.Equal([second.Id], history.Items().Ids());
        Assert.Equal((false, false), (history.GetProperty("more").GetBoolean(), history.GetProperty("gap").GetBoolean()));
    }

    [Fact]
    public async Task JoinAfter_250Missed_ComeInFramesOf100EachButTheLastMarkedMore()
    {
        var s = await ChatScenario.CreateAsync(app);
        var sent = new List<long>();
        for (var i = 0; i < 251; i++) sent.Add((await s.SayAsync(s.Ben, $"line {i}")).Id);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);

        var (frames, gap) = await ann.JoinAfterAsync(s.Room, sent[0]);

        Assert.Equal([100, 100, 50], frames.Select(f => f.Length));
        Assert.Equal(sent[1..], frames.SelectMany(f => f).Ids());
        Assert.False(gap);
    }

    [Fact]
    public async Task JoinAfter_MoreThan500Missed_AnswersTheLatestPageMarkedGap()
    {
        var s = await ChatScenario.CreateAsync(app);
        var sent = new List<long>();
        for (var i = 0; i < 502; i++) sent.Add((await s.SayAsync(s.Ben, $"line {i}")).Id);
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);

        var (exactly500, noGap) = await ann.JoinAfterAsync(s.Room, sent[1]);
        var (latest, gap) = await ann.JoinAfterAsync(s.Room, sent[0], ownJoined: false);

        Assert.Equal(sent[2..], exactly500.SelectMany(f => f).Ids());
        Assert.False(noGap);
        Assert.Equal(sent[^50..], Assert.Single(latest).Ids());
        Assert.True(gap);
    }

    [Fact]
    public async Task JoinAfter_WhileTheRoomKeepsTalking_EveryMessageArrivesOnce()
    {
        var s = await ChatScenario.CreateAsync(app);
        var from = (await s.SayAsync(s.Ben, "start")).Id;
        for (var i = 0; i < 150; i++) await s.SayAsync(s.Ben, $"missed {i}");
        await using var ann = await app.SignedInSocketAsync(s.Ann.UserName);

        var talking = Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++) await s.SayAsync(i % 2 == 0 ? s.Ben : s.Cat, $"meanwhile {i}");
        }, TestContext.Current.CancellationToken);
        var (frames, _) = await ann.JoinAfterAsync(s.Room, from, ownJoined: false);
        await talking;
        var stored = await s.StoredIdsAsync(after: from);
        var seen = frames.SelectMany(f => f).Ids().ToList();
        while (seen.Count < stored.Count)
        {
            var frame = await ann.NextAsync();
            if (frame.GetProperty("event").GetString() == "chat") seen.Add(frame.GetProperty("message").Long("id"));
        }

        Assert.Equal(300, stored.Count);
        Assert.Equal(stored, seen);
        await ExpectNoChatAsync(ann);
    }

    /// <summary>Reads up to the answer of a round trip (the member's own <c>joined</c> may come on the way): no chat among it, nothing after.</summary>
    private static async Task ExpectNoChatAsync(LiveSocket socket)
    {
        await socket.SendAsync("sync", null);
        while (await socket.NextAsync() is var frame && frame.GetProperty("event").GetString() != "error")
            Assert.NotEqual("chat", frame.GetProperty("event").GetString());
        await socket.ExpectQuietAsync(200);
    }
}
