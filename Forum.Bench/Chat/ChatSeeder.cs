using System.Diagnostics;
using Forum.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Forum.Bench.Seeder;

namespace Forum.Bench.Chat;

public sealed record ChatSeedSize(int Users, int Posts, int Conversations, int Messages);

/// <summary>What the seed holds, and who the measured reads are for.</summary>
public sealed record ChatSeedResult(
    long Lobby, long BusiestRoomMessages, int BusiestRoomPostId, long Direct, long Deleted, string[] UserIds, string[] TopSenders,
    string ListMemberId, int ListConversations, string ReaderId, string PartnerName, long ConversationMessages,
    TimeSpan Elapsed, long Bytes);

/// <summary>
/// Chat messages shaped like ChatService's rows, bulk-inserted with raw prepared commands in one transaction (secondary
/// indexes dropped and rebuilt from their own DDL, as <see cref="Seeder"/> does): 40% in the lobby, 45% in movie rooms
/// (Zipf(1.0) over the posts), 15% private (Zipf(1.0) over the conversations); room senders Zipf(1.0) over the members;
/// 1% deleted. Member 0 has a conversation with each of the first 300 partners. CreatedAt grows with Id.
/// </summary>
public static class ChatSeeder
{
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public const int HeavyConversationCount = 300;

    public static async Task<ChatSeedResult> SeedAsync(IDbContextFactory<ForumDbContext> factory, string connectionString, ChatSeedSize size)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = await factory.CreateDbContextAsync()) await db.Database.MigrateAsync();
        var rng = new Random(20261201);
        var users = Enumerable.Range(0, size.Users).Select(_ => RandomGuid(rng).ToString()).ToArray();
        var pairs = PlanPairs(rng, size);
        var senders = new Zipf(size.Users, 1.0, rng);
        var rooms = new Zipf(size.Posts, 1.0, rng);
        var conversations = new Zipf(size.Conversations, 1.0, rng);

        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        Exec(conn, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;");
        var indexes = Query(conn, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND " +
            "tbl_name IN ('AspNetUsers', 'Posts', 'ChatMessages', 'Conversations', 'ConversationMembers')");
        foreach (var (name, _) in indexes) Exec(conn, $"DROP INDEX \"{name}\"");
        var roomCount = new long[size.Posts];
        var sentBy = new long[size.Users];
        var last = new long[size.Conversations][];
        var convCount = new long[size.Conversations];
        var lastAt = new DateTime[size.Conversations];
        long lobby = 0, direct = 0, deleted = 0;
        await using (var tx = conn.BeginTransaction())
        {
            var u = Prepare(conn, tx, "AspNetUsers", "Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "DisplayName", "CreatedAt");
            for (var i = 0; i < size.Users; i++)
                Run(u, users[i], Name(i), Name(i).ToUpperInvariant(), $"{Name(i)}@bench.local", $"{Name(i)}@BENCH.LOCAL", true,
                    RandomGuid(rng).ToString("N").ToUpperInvariant(), RandomGuid(rng).ToString(), false, false, true, 0, $"Member {i}", Start);
            var p = Prepare(conn, tx, "Posts", "Id", "AuthorId", "Title", "Year", "GenreList", "Body", "Synopsis", "CreatedAt", "CommentCount");
            for (var i = 0; i < size.Posts; i++)
                Run(p, i + 1, users[i % size.Users], $"Movie number {i + 1}", 1990, "Drama", "About it.", "About it.", Start, 0);
            var c = Prepare(conn, tx, "Conversations", "Id", "FirstUserId", "SecondUserId", "CreatedAt");
            for (var i = 0; i < size.Conversations; i++)
            {
                var (a, b) = Forum.Data.Chat.Conversation.Order(users[pairs[i].A], users[pairs[i].B]);
                Run(c, i + 1, a, b, Start);
            }

            var m = Prepare(conn, tx, "ChatMessages", "Id", "Room", "ConversationId", "SenderId", "Text", "CreatedAt", "DeletedAt", "RequestId", "Withheld");
            var at = Start;
            for (long id = 1; id <= size.Messages; id++)
            {
                at = at.AddTicks(rng.NextInt64(100_000, 1_900_000)); // 10–190 ms apart, sub-second digits
                var gone = rng.NextDouble() < 0.01;
                var text = gone ? "" : Words(rng, 2, 18);
                var kind = rng.NextDouble();
                if (kind < 0.85)
                {
                    var sender = senders.Next();
                    sentBy[sender]++;
                    string room;
                    if (kind < 0.40) (room, lobby) = ("lobby", lobby + 1);
                    else
                    {
                        var post = rooms.Next();
                        roomCount[post]++;
                        room = $"movie-{post + 1}";
                    }
                    Run(m, id, room, null, users[sender], text, at, gone ? at : null, Upper(rng), false);
                }
                else
                {
                    var conv = conversations.Next();
                    var from = rng.Next(2) == 0 ? pairs[conv].A : pairs[conv].B;
                    Run(m, id, null, conv + 1, users[from], text, at, gone ? at : null, Upper(rng), false);
                    var ring = last[conv] ??= new long[4];
                    Array.Copy(ring, 1, ring, 0, 3);
                    (ring[3], lastAt[conv]) = (id, at);
                    convCount[conv]++;
                    direct++;
                }
                if (gone) deleted++;
            }

            // Member rows as ChatService leaves them: the last message on both sides, each read up to a few messages back.
            var cm = Prepare(conn, tx, "ConversationMembers", "ConversationId", "UserId", "OtherUserId", "LastReadMessageId", "LastMessageId", "LastMessageAt");
            for (var i = 0; i < size.Conversations; i++)
            {
                var ring = last[i];
                var (a, b) = (users[pairs[i].A], users[pairs[i].B]);
                Run(cm, i + 1, a, b, ring?[1] ?? 0, ring?[3], ring is null ? null : lastAt[i]);
                Run(cm, i + 1, b, a, ring?[0] ?? 0, ring?[3], ring is null ? null : lastAt[i]);
            }
            foreach (var (_, sql) in indexes) Exec(conn, sql, tx);
            await tx.CommitAsync();
        }
        Exec(conn, "PRAGMA synchronous = NORMAL; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");

        var busiest = Array.IndexOf(roomCount, roomCount.Max());
        var top = Enumerable.Range(0, size.Users).OrderByDescending(i => sentBy[i]).Take(3).Select(i => users[i]).ToArray();
        var heaviest = Array.IndexOf(convCount, convCount.Max());
        var listed = convCount.Take(HeavyConversationCount).Count(n => n > 0);
        var bytes = new FileInfo(new SqliteConnectionStringBuilder(connectionString).DataSource).Length;
        return new ChatSeedResult(lobby, roomCount[busiest], busiest + 1, direct, deleted, users, top, users[0], listed,
            users[pairs[heaviest].A], Name(pairs[heaviest].B), convCount[heaviest], clock.Elapsed, bytes);
    }

    public static string Name(int i) => $"member{i:D5}";

    /// <summary>Distinct pairs: member 0 with members 1..300 first, then random pairs.</summary>
    private static (int A, int B)[] PlanPairs(Random rng, ChatSeedSize size)
    {
        var seen = new HashSet<(int, int)>();
        var pairs = new List<(int, int)>();
        for (var i = 1; i <= HeavyConversationCount && pairs.Count < size.Conversations; i++)
            if (seen.Add((0, i))) pairs.Add((0, i));
        while (pairs.Count < size.Conversations)
        {
            int a = rng.Next(1, size.Users), b = rng.Next(1, size.Users);
            if (a != b && seen.Add((Math.Min(a, b), Math.Max(a, b)))) pairs.Add((Math.Min(a, b), Math.Max(a, b)));
        }
        return [.. pairs];
    }

    private static string Upper(Random rng) => RandomGuid(rng).ToString().ToUpperInvariant();
}
