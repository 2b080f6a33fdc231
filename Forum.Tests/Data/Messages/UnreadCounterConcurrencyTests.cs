using Forum.Data.Comments;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Messages;

/// <summary>
/// Many members commenting at once (each call on its own context, on a file database, so SQLite's locks are real):
/// the badge count must still equal the number of unread messages.
/// </summary>
public class UnreadCounterConcurrencyTests : DatabaseTest
{
    private const int Writers = 30;

    [Fact]
    public async Task AddAsync_ConcurrentWriters_CounterEqualsUnreadRows()
    {
        var alice = await Db.AddUserAsync("Alice");
        var post = await Db.AddPostAsync(alice);
        var writers = await WritersAsync();

        await Task.WhenAll(writers.Select((w, i) => Task.Run(() => Db.Comments.AddAsync(w, new NewComment(post, $"Comment {i}"), Ct), Ct)));

        Assert.Equal(Writers, await Db.UnreadRowsAsync(alice));
        var state = await Db.Messages.GetUnreadAsync(alice, Ct);
        Assert.Equal(Writers, state.Count);
        Assert.Equal(Writers, (await Db.PostQueries.GetAsync(post, Ct))!.CommentCount);
        // Comments that arrive together commit together: one counter move (one version) per commit, each published once.
        var events = Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version).Order());
        Assert.Equal((Writers, state.Version), (events.MaxBy(e => e.Version)!.Count, events.Max(e => e.Version)));
    }

    [Fact]
    public async Task AddAsync_ConcurrentWritersAndMarkRead_CounterEqualsUnreadRows()
    {
        var alice = await Db.AddUserAsync("Alice");
        var post = await Db.AddPostAsync(alice);
        var writers = await WritersAsync();
        await Db.Comments.AddAsync(writers[0], new NewComment(post, "Before the rush"), Ct);
        var early = (await Db.Messages.GetPageAsync(alice, ct: Ct)).Items[0].Id;

        var work = writers.Select((w, i) => Task.Run(async () =>
        {
            await Db.Comments.AddAsync(w, new NewComment(post, $"Comment {i}"), Ct);
            if (i % 10 == 5) await Db.Messages.MarkAllReadAsync(alice, Ct);
            if (i % 10 == 7) await Db.Messages.MarkReadAsync(alice, early, Ct);
            if (i % 10 == 9) await Db.Messages.MarkReadAsync(alice, (await Db.Messages.GetPageAsync(alice, take: 1, ct: Ct)).Items[0].Id, Ct);
        }, Ct));
        await Task.WhenAll(work);

        var unreadRows = await Db.UnreadRowsAsync(alice);
        Assert.Equal(unreadRows, await Db.CounterAsync(alice));
        Assert.InRange(unreadRows, 0, Writers - 1);
        var events = Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice));
        Assert.Equal(unreadRows, events.MaxBy(e => e.Version)!.Count);
        Assert.Equal(events.Count, events.Select(e => e.Version).Distinct().Count());
    }

    private async Task<string[]> WritersAsync()
    {
        var ids = new string[Writers];
        for (var i = 0; i < Writers; i++) ids[i] = await Db.AddUserAsync($"Writer {i}");
        return ids;
    }
}
