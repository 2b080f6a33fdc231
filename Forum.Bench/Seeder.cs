using System.Diagnostics;
using System.Text;
using Forum.Data;
using Forum.Data.Messages;
using Forum.Data.Posts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Forum.Bench;

public sealed record SeedSize(string Name, int Users, int Posts, int Comments);

public sealed record SeedResult(
    string HeavyUserId, int HeavyMessages, int HeavyUnread, long Notifications, int Replies,
    int LastSeededCommentId, IReadOnlyList<(int CommentId, int PostId)> ReplyTargets, TimeSpan Elapsed, long Bytes);

/// <summary>
/// Migrates a fresh SQLite file with the real migrations, then bulk-inserts rows shaped like the services' rows
/// with raw prepared ADO.NET commands in one transaction. Post authors and commenters are Zipf-distributed, so a few
/// members own many posts and receive many messages; post popularity is milder Zipf. CreatedAt grows with Id.
/// </summary>
public static class Seeder
{
    private static readonly DateTime UsersStart = new(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PostsStart = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime CommentsStart = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const double ReplyShare = 0.3, ReadShare = 0.95;

    /// <param name="factory">Configured with DataExtensions.UseForumSqlite on <paramref name="connectionString"/>.</param>
    public static async Task<SeedResult> SeedAsync(IDbContextFactory<ForumDbContext> factory, string connectionString, SeedSize size)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = await factory.CreateDbContextAsync()) await db.Database.MigrateAsync();

        var rng = new Random(20261122);
        var userIds = Enumerable.Range(0, size.Users).Select(_ => RandomGuid(rng).ToString()).ToArray();
        var authorZipf = new Zipf(size.Users, 1.0, rng);    // who writes posts (a few members write most)
        var commenterZipf = new Zipf(size.Users, 1.0, rng); // who comments (ranks shuffled independently)
        var postZipf = new Zipf(size.Posts, 0.7, rng);      // which posts draw comments
        var postAuthor = new int[size.Posts];
        for (var p = 0; p < size.Posts; p++) postAuthor[p] = authorZipf.Next();

        // Plan the comments first so posts carry their final CommentCount.
        var commentPost = new int[size.Comments];
        var commentAuthor = new int[size.Comments];
        var commentParent = new int[size.Comments]; // 0 = top level, else parent comment id
        var lastTop = new int[size.Posts];
        var commentCount = new int[size.Posts];
        var replies = 0;
        for (var i = 0; i < size.Comments; i++)
        {
            var post = postZipf.Next();
            commentPost[i] = post;
            commentAuthor[i] = commenterZipf.Next();
            commentCount[post]++;
            if (lastTop[post] != 0 && rng.NextDouble() < ReplyShare) { commentParent[i] = lastTop[post]; replies++; }
            else lastTop[post] = i + 1;
        }

        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        Exec(conn, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;");
        // Secondary indexes are dropped for the bulk insert and rebuilt from their own DDL afterwards (a sort is far
        // cheaper than a million random B-tree inserts); the result is the schema the migration created.
        var indexes = Query(conn, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND " +
            "tbl_name IN ('AspNetUsers', 'Posts', 'Comments', 'Notifications', 'UserCounters')");
        foreach (var (name, _) in indexes) Exec(conn, $"DROP INDEX \"{name}\"");
        var received = new int[size.Users];
        var unread = new int[size.Users];
        long notifications = 0;
        await using (var tx = conn.BeginTransaction())
        {
            var users = Prepare(conn, tx, "AspNetUsers", "Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled",
                "LockoutEnabled", "AccessFailedCount", "DisplayName", "CreatedAt");
            for (var u = 0; u < size.Users; u++)
            {
                var name = $"member{u:D5}";
                Run(users, userIds[u], name, name.ToUpperInvariant(), $"{name}@bench.local", $"{name}@bench.local".ToUpperInvariant(),
                    true, RandomGuid(rng).ToString("N").ToUpperInvariant(), RandomGuid(rng).ToString(), false, false,
                    true, 0, $"Member {u}", UsersStart.AddSeconds(u * 600.5));
            }

            var posts = Prepare(conn, tx, "Posts", "Id", "AuthorId", "Title", "Year", "GenreList", "Body", "Synopsis", "CreatedAt", "CommentCount");
            for (var p = 0; p < size.Posts; p++)
            {
                var body = Words(rng, 30, 80);
                Run(posts, p + 1, userIds[postAuthor[p]], $"Movie number {p + 1}", 1950 + p % 75, "Drama",
                    body, TextRules.Excerpt(body, PostRules.SynopsisLength), PostsStart.AddSeconds(p * 300.25), commentCount[p]);
            }

            var comments = Prepare(conn, tx, "Comments", "Id", "PostId", "AuthorId", "ParentId", "Body", "CreatedAt", "RequestId");
            var notes = Prepare(conn, tx, "Notifications", "RecipientId", "ActorId", "Kind", "PostId", "PostAuthorId", "CommentId", "CreatedAt", "IsRead");
            var at = CommentsStart;
            var readBefore = (int)(size.Comments * ReadShare);
            for (var i = 0; i < size.Comments; i++)
            {
                at = at.AddTicks(rng.NextInt64(10_000_000, 620_000_000)); // 1–62 s apart, with sub-second digits
                int id = i + 1, post = commentPost[i], writer = commentAuthor[i], author = postAuthor[post];
                int? parent = commentParent[i] == 0 ? null : commentParent[i];
                Run(comments, id, post + 1, userIds[writer], parent, Words(rng, 5, 40), at, RandomGuid(rng).ToString().ToUpperInvariant());
                // Same rules as CommentService.Recipients: the answered author, then the post author, never the writer.
                var answered = parent is { } pid ? commentAuthor[pid - 1] : -1;
                var isRead = i < readBefore;
                foreach (var (recipient, kind) in Recipients(writer, author, answered))
                {
                    Run(notes, userIds[recipient], userIds[writer], (int)kind, post + 1, userIds[author], id, at, isRead);
                    received[recipient]++;
                    if (!isRead) unread[recipient]++;
                    notifications++;
                }
            }

            // Counters as the services leave them: one version per message received, plus one "mark all read".
            var counters = Prepare(conn, tx, "UserCounters", "UserId", "Unread", "Version");
            for (var u = 0; u < size.Users; u++)
                if (received[u] > 0) Run(counters, userIds[u], unread[u], (long)received[u] + (received[u] > unread[u] ? 1 : 0));
            foreach (var (_, sql) in indexes) Exec(conn, sql, tx);
            await tx.CommitAsync();
        }
        Exec(conn, "PRAGMA synchronous = NORMAL; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");

        var heavy = Array.IndexOf(received, received.Max());
        var targets = Enumerable.Range(0, 1000).Select(_ => rng.Next(size.Comments)).Where(i => commentParent[i] == 0)
            .Select(i => (i + 1, commentPost[i] + 1)).ToList();
        var bytes = new FileInfo(new SqliteConnectionStringBuilder(connectionString).DataSource).Length;
        return new SeedResult(userIds[heavy], received[heavy], unread[heavy], notifications, replies, size.Comments, targets, clock.Elapsed, bytes);
    }

    private static IEnumerable<(int Recipient, NotificationKind Kind)> Recipients(int writer, int postAuthor, int answered)
    {
        if (answered >= 0 && answered != writer) yield return (answered, NotificationKind.ReplyToComment);
        if (postAuthor != writer && postAuthor != answered) yield return (postAuthor, NotificationKind.CommentOnPost);
    }

    private static readonly string[] Vocabulary =
        ("the film a scene plot actor director score camera ending twist character great slow pacing loved hated " +
         "cinematography dialogue sequel remake classic watched again brilliant boring moving tense funny dark light").Split(' ');

    public static string Words(Random rng, int min, int max)
    {
        var sb = new StringBuilder();
        for (var n = rng.Next(min, max + 1); n > 0; n--) sb.Append(Vocabulary[rng.Next(Vocabulary.Length)]).Append(n > 1 ? ' ' : '.');
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    internal static Guid RandomGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4, like Guid.NewGuid()
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes);
    }

    internal static void Exec(SqliteConnection conn, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    internal static List<(string, string)> Query(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, string)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetString(1)));
        return rows;
    }

    internal static SqliteCommand Prepare(SqliteConnection conn, SqliteTransaction tx, string table, params string[] columns)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                          $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++) cmd.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value));
        cmd.Prepare();
        return cmd;
    }

    /// <summary>Binds like EF does: DateTime as 'yyyy-MM-dd HH:mm:ss.FFFFFFF' text, bool as 0/1, null as NULL.</summary>
    internal static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }
}
