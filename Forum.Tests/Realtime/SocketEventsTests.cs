using System.Text.Json;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>What a member's socket is told: comments on posts it follows, and its messages, resumable by id.</summary>
public sealed class SocketEventsTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribe_CommentAddedEditedAndRemoved_ArriveAsCommentAndRemoved()
    {
        var thread = await LiveScenario.CreateAsync(app);
        await using var reader = await app.SignedInSocketAsync("carol");
        await reader.SendAsync("subscribe", thread.PostId);
        await reader.SyncAsync();

        var comment = await thread.CommentAsync("First!");
        var added = await reader.NextAsync("comment");
        await app.Get<CommentEditService>().EditAsync(thread.WriterId, comment.Id, "First, edited", Ct);
        var edited = await reader.NextAsync("comment");
        await app.Get<CommentEditService>().DeleteAsync(thread.WriterId, comment.Id, Ct);
        var removed = await reader.NextAsync("removed");

        Assert.Equal((comment.Id, thread.PostId, "First!", thread.Writer, "Member " + thread.Writer),
            (added.GetProperty("id").GetInt32(), added.GetProperty("postId").GetInt32(), added.GetProperty("body").GetString(),
                added.GetProperty("author").GetString(), added.GetProperty("authorName").GetString()));
        Assert.EndsWith("Z", added.GetProperty("createdAt").GetString());
        Assert.Equal(("First, edited", JsonValueKind.String), (edited.GetProperty("body").GetString(), edited.GetProperty("editedAt").ValueKind));
        Assert.Equal("""{"kind":"comment","id":__}""".Replace("__", comment.Id.ToString()), removed.GetRawText());
        await reader.ExpectQuietAsync();
    }

    [Fact]
    public async Task Frames_NonAsciiAndQuotes_AreWrittenPlainlyAndStillValidJson()
    {
        var thread = await LiveScenario.CreateAsync(app);
        await using var reader = await app.SignedInSocketAsync("carol");
        await reader.SendAsync("subscribe", thread.PostId);
        await reader.SyncAsync();

        await thread.CommentAsync("It's Díaz's \"best\" <b>film</b> 👍🏽");

        var body = (await reader.NextAsync("comment")).GetProperty("body");
        Assert.Equal("It's Díaz's \"best\" <b>film</b> 👍🏽", body.GetString());
        Assert.StartsWith("\"It's Díaz's \\\"best\\\" <b>film</b> ", body.GetRawText()); // emoji stay \u escapes: valid, if less plain
    }

    [Fact]
    public async Task Subscribe_PostDeleted_ArrivesAsRemovedPost()
    {
        var thread = await LiveScenario.CreateAsync(app);
        await using var reader = await app.SignedInSocketAsync("carol");
        await reader.SendAsync("subscribe", thread.PostId.ToString());
        await reader.SyncAsync();

        await app.Get<PostService>().DeleteAsync(thread.OwnerId, thread.PostId, Ct);

        Assert.Equal($$"""{"kind":"post","id":{{thread.PostId}}}""", (await reader.NextAsync("removed")).GetRawText());
    }

    [Fact]
    public async Task Subscribe_UnknownPost_AnswersErrorAndFollowsNothing()
    {
        await using var reader = await app.SignedInSocketAsync("carol");

        await reader.SendAsync("subscribe", 987654);

        Assert.Equal("There is no post 987654.", (await reader.NextAsync("error")).GetString());
    }

    [Fact]
    public async Task Unsubscribe_StopsTheComments()
    {
        var thread = await LiveScenario.CreateAsync(app);
        await using var reader = await app.SignedInSocketAsync("carol");
        await reader.SendAsync("subscribe", thread.PostId);
        await reader.SendAsync("subscribe", thread.PostId); // twice is once
        await reader.SyncAsync();
        await thread.CommentAsync("one");
        await reader.NextAsync("comment");

        await reader.SendAsync("unsubscribe", thread.PostId);
        await reader.SyncAsync();
        await thread.CommentAsync("two");

        await reader.ExpectQuietAsync(500);
    }

    [Fact]
    public async Task Resume_AfterAnId_SendsEveryLaterNotificationOnceOldestFirstThenTheCount()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var ids = new List<int>();
        for (var i = 1; i <= 5; i++) ids.Add((await thread.CommentAsync($"comment {i}")).Id);
        var entries = (await app.Get<Forum.Data.Messages.MessageService>().GetAfterAsync(thread.OwnerId, 0, ct: Ct)).Select(m => m.Id).ToList();
        await using var owner = await app.SignedInSocketAsync(thread.Owner);

        await owner.SendAsync("resume", entries[1]);

        var resumed = new List<JsonElement>();
        for (var i = 0; i < 3; i++) resumed.Add(await owner.NextAsync("notification"));
        Assert.Equal(entries[2..], resumed.Select(n => n.GetProperty("id").GetInt64()));
        Assert.Equal(ids[2..], resumed.Select(n => n.GetProperty("commentId").GetInt32()));
        Assert.Equal(["comment 3", "comment 4", "comment 5"], resumed.Select(n => n.GetProperty("excerpt").GetString()));
        var count = await owner.NextAsync();
        Assert.Equal(("message", 5), (count.GetProperty("event").GetString(), count.GetProperty("message").GetInt32()));
        Assert.True(count.GetProperty("version").GetInt64() > 0);

        await thread.CommentAsync("live");
        Assert.Equal("live", (await owner.NextAsync("notification")).GetProperty("excerpt").GetString());
        Assert.Equal(6, (await owner.NextAsync("message")).GetInt32());
        await owner.ExpectQuietAsync();
    }

    [Fact]
    public async Task Resume_WhileCommentsKeepArriving_EachNotificationArrivesExactlyOnce()
    {
        var thread = await LiveScenario.CreateAsync(app);
        for (var i = 0; i < 150; i++) await thread.CommentAsync($"before {i}"); // more than one backlog page
        await using var owner = await app.SignedInSocketAsync(thread.Owner);

        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++) await thread.CommentAsync($"during {i}");
        }, Ct);
        await owner.SendAsync("resume", 0);
        await writing;

        var (ids, versions, count) = (new List<long>(), new List<long>(), -1);
        while (ids.Count < 170 || count != 170)
        {
            var frame = await owner.NextAsync();
            if (frame.GetProperty("event").GetString() == "notification") ids.Add(frame.GetProperty("message").GetProperty("id").GetInt64());
            else
            {
                Assert.Equal("message", frame.GetProperty("event").GetString());
                versions.Add(frame.GetProperty("version").GetInt64());
                count = frame.GetProperty("message").GetInt32();
            }
        }
        var messages = app.Get<Forum.Data.Messages.MessageService>();
        var first = (await messages.GetAfterAsync(thread.OwnerId, 0, take: 100, ct: Ct)).Select(m => m.Id).ToList();
        var stored = first.Concat((await messages.GetAfterAsync(thread.OwnerId, first[^1], take: 100, ct: Ct)).Select(m => m.Id));
        // Each exactly once. Entries that went out live before the resume began come first (the client saw them then),
        // so only the set is fixed here; the backlog's own order is checked by the resume tests without live writes.
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(stored.Order(), ids.Order());
        // Never backwards; a resume always ends with the count, so it may repeat the version of a live one just before it.
        Assert.Equal(versions.Order(), versions);
        await owner.ExpectQuietAsync();
    }
}
