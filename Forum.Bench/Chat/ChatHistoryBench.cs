using Forum.Data;
using Forum.Data.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Bench.Chat;

/// <summary>EXPLAIN QUERY PLAN of one read, and whether it walks its index without sorting or scanning a table.</summary>
public sealed record ChatPlan(string Name, string Sql, IReadOnlyList<string> Lines)
{
    public bool Ok => Lines.Any(l => l.Contains("SEARCH") && l.Contains("INDEX IX_"))
        && !Lines.Any(l => l.Contains("TEMP B-TREE"))
        && !Lines.Any(l => l.TrimStart(' ', '-').StartsWith("SCAN") && !l.Contains("SCAN c0") && !l.Contains("SCAN c1") && !l.Contains("SCAN c2"));
}

/// <summary>Times the chat reads through ChatQueries as the app calls them (a fresh DbContext per call) on the seeded file.</summary>
public static class ChatHistoryBench
{
    public const int Depth = 100_000, CatchUp = 50;

    public static async Task<(List<Stat> Stats, List<ChatPlan> Plans)> RunAsync(IServiceProvider sp, ChatSeedResult seed, int warmup, int runs)
    {
        var queries = sp.GetRequiredService<ChatQueries>();
        var factory = sp.GetRequiredService<IDbContextFactory<ForumDbContext>>();
        var (member, ignorer) = (seed.UserIds[^1], seed.UserIds[^2]);
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.MemberIgnores.AddRange(seed.TopSenders.Select(id => new MemberIgnore { UserId = ignorer, IgnoredUserId = id, CreatedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync();
        }
        var depth = (int)Math.Min(Depth, seed.Lobby - 200); // a smaller seed still gets a full page that far back
        long deep, behind;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var lobby = db.ChatMessages.Where(m => m.Room == ChatRooms.Lobby).OrderByDescending(m => m.Id).Select(m => m.Id);
            deep = await lobby.Skip(depth).FirstAsync();
            behind = await lobby.Skip(CatchUp).FirstAsync();
        }
        var movie = ChatRooms.Movie(seed.BusiestRoomPostId);
        var size = 50;

        var reads = new List<(string Name, Func<Task<int>> Read)>
        {
            ("Lobby, latest 50 (visitor)", async () => (await queries.HistoryAsync(null, ChatRooms.Lobby)).Items.Count),
            ("Lobby, latest 50 (member)", async () => (await queries.HistoryAsync(member, ChatRooms.Lobby)).Items.Count),
            ("Lobby, latest 50 (member ignoring the 3 busiest senders)", async () => (await queries.HistoryAsync(ignorer, ChatRooms.Lobby)).Items.Count),
            ($"Lobby, 50 earlier, {depth:N0} messages back", async () => (await queries.HistoryAsync(member, ChatRooms.Lobby, deep)).Items.Count),
            ($"Lobby, catch-up after an id {CatchUp} back", async () => (await queries.AfterAsync(member, ChatRooms.Lobby, behind)).Items.Count),
            ($"Busiest movie room ({seed.BusiestRoomMessages:N0} messages), latest 50", async () => (await queries.HistoryAsync(member, movie)).Items.Count),
            ($"Conversation ({seed.ConversationMessages:N0} messages), latest 50", async () =>
                (await queries.ConversationAsync(seed.ReaderId, seed.PartnerName)).Page.Items.Count),
            ($"My conversations ({seed.ListConversations} of them), first 20 with unread counts", async () =>
                (await queries.ConversationsAsync(seed.ListMemberId)).Items.Count),
        };
        // One pass over every read first: the seed's 300 MB are still being written back by the OS and the JIT is cold,
        // which would otherwise land on whichever read is timed first.
        var until = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < until) foreach (var (_, read) in reads) await read();
        var stats = new List<Stat>();
        foreach (var (name, read) in reads)
            stats.Add(await Measure.TimeAsync(name, warmup, runs, async _ =>
            {
                var n = await read();
                if (n != size && !name.StartsWith("My conversations")) throw new InvalidOperationException($"{name}: {n} items, expected {size}.");
            }));

        var plans = new List<ChatPlan>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var conversation = await db.ConversationMembers.Where(cm => cm.UserId == seed.ReaderId).OrderByDescending(cm => cm.LastMessageId)
                .Select(cm => cm.ConversationId).FirstAsync();
            plans.Add(await ExplainAsync(db, "Room, latest (member)", ChatQueries.RoomPageQuery(db, ChatRooms.Lobby, member, null, size + 1)));
            plans.Add(await ExplainAsync(db, "Room, earlier (member ignoring 3)", ChatQueries.RoomPageQuery(db, ChatRooms.Lobby, ignorer, deep, size + 1)));
            plans.Add(await ExplainAsync(db, "Room, catch-up", ChatQueries.RoomAfterQuery(db, ChatRooms.Lobby, member, behind, size + 1)));
            plans.Add(await ExplainAsync(db, "Conversation, latest", ChatQueries.ConversationPageQuery(db, conversation, seed.ReaderId, null, size + 1)));
            plans.Add(await ExplainAsync(db, "My conversations", ChatQueries.ConversationsPageQuery(db, seed.ListMemberId, null, 21)));
        }
        return (stats, plans);
    }

    private static async Task<ChatPlan> ExplainAsync<T>(ForumDbContext db, string name, IQueryable<T> query)
    {
        await db.Database.OpenConnectionAsync();
        await using var cmd = query.CreateDbCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + cmd.CommandText;
        var depthOf = new Dictionary<long, int> { [0] = -1 };
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var d = depthOf[reader.GetInt64(0)] = depthOf.GetValueOrDefault(reader.GetInt64(1), -1) + 1;
            lines.Add(new string(' ', 2 * d) + "- " + reader.GetString(3));
        }
        return new ChatPlan(name, query.ToQueryString(), lines);
    }
}
