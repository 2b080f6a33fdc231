using System.Text.RegularExpressions;
using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Bench;

public sealed record BenchOptions(int Warmup, int Runs, int Writes);

public sealed record QueryPlan(string Sql, IReadOnlyList<string> Lines)
{
    public const string Index = "IX_Notifications_RecipientId_CreatedAt_Id";
    public bool SearchesIndex => Lines.Any(l => l.Contains("SEARCH") && l.Contains($"INDEX {Index} "));
    public bool SortsInTempBTree => Lines.Any(l => l.Contains("USE TEMP B-TREE FOR ORDER BY"));
    public bool Ok => SearchesIndex && !SortsInTempBTree;
}

public sealed record SizeResult(
    SeedSize Size, SeedResult Seed, int Depth, Stat First, Stat Deep, Stat Unread, Stat Write,
    QueryPlan FirstPlan, QueryPlan DeepPlan, string FormatCheck);

/// <summary>Seeds one size into a temp file, then times the message center and the comment write path through the real services.</summary>
public static class SizeBench
{
    public const int PageSize = 20, TargetDepth = 10_000;

    public static async Task<SizeResult> RunAsync(SeedSize size, BenchOptions o, Action<string> log)
    {
        var file = Path.Combine(Path.GetTempPath(), $"forum-bench-{size.Name}-{Guid.NewGuid():N}.db");
        var cs = $"Data Source={file}";
        try
        {
            // Like the app: AddDbContextFactory (not pooled) + UseForumSqlite, a fresh short-lived context per operation.
            await using var sp = new ServiceCollection().AddLogging()
                .AddDbContextFactory<ForumDbContext>(b => DataExtensions.UseForumSqlite(b, cs))
                .AddForumServices().BuildServiceProvider();
            var factory = sp.GetRequiredService<IDbContextFactory<ForumDbContext>>();

            log($"[{size.Name}] seeding {size.Users:N0} users, {size.Posts:N0} posts, {size.Comments:N0} comments into {file}");
            var seed = await Seeder.SeedAsync(factory, cs, size);
            log($"[{size.Name}] seeded in {seed.Elapsed.TotalSeconds:F1} s: {seed.Notifications:N0} notifications, " +
                $"heaviest member has {seed.HeavyMessages:N0} messages ({seed.HeavyUnread:N0} unread), {seed.Bytes / 1e6:F0} MB");
            var messages = sp.GetRequiredService<MessageService>();
            var comments = sp.GetRequiredService<CommentService>();
            var user = seed.HeavyUserId;

            var depth = Math.Min(TargetDepth, seed.HeavyMessages - PageSize);
            var cursor = await CursorAtAsync(factory, user, depth);
            var firstPlan = await ExplainAsync(factory, user, null);
            var deepPlan = await ExplainAsync(factory, user, cursor);

            log($"[{size.Name}] timing {o.Runs:N0} runs each (after ≥ {o.Warmup:N0} warm-up runs and ≥ 1 s), then {o.Writes:N0} writes");
            var first = await Measure.TimeAsync("First page", o.Warmup, o.Runs, async _ => Check(await messages.GetPageAsync(user, null, PageSize)));
            var deep = await Measure.TimeAsync($"Page {depth:N0} rows deep", o.Warmup, o.Runs, async _ => Check(await messages.GetPageAsync(user, cursor, PageSize)));
            var unread = await Measure.TimeAsync("Unread count", o.Warmup, o.Runs, _ => messages.GetUnreadAsync(user));

            var rng = new Random(7);
            var bodies = Enumerable.Range(0, 64).Select(_ => Seeder.Words(rng, 5, 40)).ToArray();
            var writers = new Zipf(size.Users, 1.0, rng);
            var userIds = await LoadUserIdsAsync(factory);
            var write = await Measure.TimeAsync("Comment write (AddAsync)", Math.Min(100, o.Writes / 10), o.Writes, async i =>
            {
                // Two in three are comments on a random post, one in three replies to a seeded top-level comment.
                var (parent, post) = i % 3 == 2 ? seed.ReplyTargets[i % seed.ReplyTargets.Count] : (0, rng.Next(1, size.Posts + 1));
                await comments.AddAsync(userIds[writers.Next()], new NewComment(post, bodies[i % bodies.Length], parent == 0 ? null : parent, Guid.NewGuid()));
            });
            var format = await FormatCheckAsync(factory, seed.LastSeededCommentId);
            log($"[{size.Name}] done; row format check: {format}");
            return new SizeResult(size, seed, depth, first, deep, unread, write, firstPlan, deepPlan, format);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    private static void Check(MessagePage page)
    {
        if (page.Items.Count != PageSize) throw new InvalidOperationException($"Expected a full page, got {page.Items.Count} items.");
    }

    /// <summary>The keyset cursor of the row <paramref name="depth"/> rows into the member's message list (newest first).</summary>
    private static async Task<MessageCursor> CursorAtAsync(IDbContextFactory<ForumDbContext> factory, string userId, int depth)
    {
        await using var db = await factory.CreateDbContextAsync();
        var row = await db.Notifications.Where(n => n.RecipientId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(depth - 1).Select(n => new { n.CreatedAt, n.Id }).FirstAsync();
        return new MessageCursor(row.CreatedAt, row.Id);
    }

    /// <summary>EXPLAIN QUERY PLAN of exactly the command MessageService.PageQuery produces, with its parameters bound.</summary>
    private static async Task<QueryPlan> ExplainAsync(IDbContextFactory<ForumDbContext> factory, string userId, MessageCursor? after)
    {
        await using var db = await factory.CreateDbContextAsync();
        var query = MessageService.PageQuery(db, userId, after, PageSize + 1);
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
        return new QueryPlan(query.ToQueryString(), lines);
    }

    private static async Task<string[]> LoadUserIdsAsync(IDbContextFactory<ForumDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Users.OrderBy(u => u.UserName).Select(u => u.Id).ToArrayAsync();
    }

    /// <summary>Compares the storage of the last seeded comment with one written by CommentService (types and text shapes).</summary>
    private static async Task<string> FormatCheckAsync(IDbContextFactory<ForumDbContext> factory, int seededId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        string Shape(string table, string where)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = table == "Comments"
                ? $"SELECT typeof(CreatedAt), CreatedAt, typeof(RequestId), RequestId FROM Comments WHERE {where}"
                : $"SELECT typeof(CreatedAt), CreatedAt, typeof(IsRead), IsRead FROM Notifications WHERE {where}";
            using var r = cmd.ExecuteReader();
            r.Read();
            var date = Regex.IsMatch(r.GetString(1), @"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,7})?$") ? "date:ok" : $"date:{r.GetString(1)}";
            var other = r.GetString(2) == "text" ? (r.GetString(3) == r.GetString(3).ToUpperInvariant() ? "upper" : "lower") : r.GetValue(3).ToString();
            return $"{r.GetString(0)}/{date}/{r.GetString(2)}/{other}";
        }
        var pairs = new[]
        {
            (Shape("Comments", $"Id = {seededId}"), Shape("Comments", "Id = (SELECT max(Id) FROM Comments)")),
            (Shape("Notifications", $"Id = (SELECT max(Id) FROM Notifications WHERE CommentId <= {seededId})"), Shape("Notifications", "Id = (SELECT max(Id) FROM Notifications)")),
        };
        return pairs.All(p => p.Item1 == p.Item2)
            ? "seeded rows are stored like service-written rows (DateTime text 'yyyy-MM-dd HH:mm:ss.FFFFFFF', Guid text upper case, bool integer)"
            : "MISMATCH " + string.Join("; ", pairs.Select(p => $"seeded {p.Item1} vs service {p.Item2}"));
    }
}
