using System.Diagnostics;
using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Data.Providers;
using Forum.Data.Seeding;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Bench.Writers;

/// <summary>
/// Concurrent comment writers through the real <see cref="CommentService"/> (comment + notification + unread counter,
/// committed, published), on a fresh SQLite file and, given a connection string, a fresh PostgreSQL database:
/// the write figure of issue 10 (B7) per provider, in one run.
/// Usage: dotnet run -c Release --project Forum.Bench -- writers [--pg CONNECTION] [--writers N] [--comments N]
/// </summary>
public static class WritersCommand
{
    private const int Members = 200, Posts = 50, Warmup = 3000;

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var writers = int.Parse(Arg("--writers", "8"));
        var comments = int.Parse(Arg("--comments", "4000"));
        var pg = Arg("--pg", "");
        var cpu = Arg("--cpu", "");
        var loadAtStart = Report.LoadAverage();
        var rows = new List<string>();

        var file = Path.Combine(Path.GetTempPath(), $"forum-writers-{Guid.NewGuid():N}.db");
        try
        {
            rows.Add(await RunOneAsync("SQLite (WAL, synchronous=NORMAL)", o => DataExtensions.UseForumSqlite(o, $"Data Source={file}"), writers, comments,
                cpu.Length == 0 ? null : cpu + ".sqlite.nettrace"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
        if (pg.Length > 0)
        {
            // A database of its own on the given server, created by the app's start-up path and dropped at the end.
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = $"forum_writers_{Guid.NewGuid():N}" };
            try
            {
                rows.Add(await RunOneAsync("PostgreSQL", o => PostgresProvider.UseForumPostgres(o, builder.ConnectionString), writers, comments,
                    cpu.Length == 0 ? null : cpu + ".postgres.nettrace"));
            }
            finally
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = "postgres" }.ConnectionString);
                await admin.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {builder.Database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }

        Console.WriteLine($"## Comment writers: {writers} concurrent, {comments:N0} comments per provider");
        Console.WriteLine();
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {System.Runtime.InteropServices.RuntimeInformation.OSDescription} · " +
                          $".NET {Environment.Version} · load average {loadAtStart} → {Report.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| provider | comments/s | p50 ms | p99 ms | max ms | errors |");
        Console.WriteLine("|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task<string> RunOneAsync(string name, Func<DbContextOptionsBuilder, DbContextOptionsBuilder> use, int writers, int total,
        string? trace)
    {
        var services = new ServiceCollection().AddLogging()
            .Configure<ForumDataOptions>(o => o.SeedDemoData = false)
            .AddPooledDbContextFactory<ForumDbContext>(o => use(o))
            .AddForumServices();
        await using var provider = services.BuildServiceProvider();
        await provider.PrepareForumDatabaseAsync();
        var (users, posts) = await SeedAsync(provider.GetRequiredService<IDbContextFactory<ForumDbContext>>());
        var comments = provider.GetRequiredService<CommentService>();

        // Warm-up: JIT, pools, plans; then every writer takes its share of the timed comments.
        for (var i = 0; i < Warmup; i++) await comments.AddAsync(users[i % users.Count], new NewComment(posts[i % posts.Count], $"Warm-up {i}"));
        var samples = new double[total];
        var errors = 0;
        var next = -1;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var writtenBefore = provider.GetRequiredService<CommentWriter>().Written;
        var clock = Stopwatch.StartNew();
        var run = () => Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var rng = new Random(w);
            for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await comments.AddAsync(users[rng.Next(users.Count)], new NewComment(posts[rng.Next(posts.Count)], $"Comment {i} from writer {w}", RequestId: Guid.NewGuid()));
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        if (trace is null) await run();
        else
        {
            // --cpu PATH: where this process's CPU went during the timed comments (EventPipe samples, folded per method).
            await Heap.CpuProfile.RecordAsync(Environment.ProcessId, trace, run, CancellationToken.None);
            Console.WriteLine(Heap.CpuProfile.Report(trace, 60));
        }
        var stat = Measure.Summarize(name, samples, clock.Elapsed);
        // The timed comments only: the warm-up ones came one at a time, a commit each.
        var after = provider.GetRequiredService<CommentWriter>().Written;
        var (groups, written) = (after.Groups - writtenBefore.Groups, after.Comments - writtenBefore.Comments);
        Console.Error.WriteLine($"{name}: {written:N0} timed comments in {groups:N0} commits ({(double)written / Math.Max(1, groups):F1} per commit); " +
                                $"{(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / total:F2} ms of this process's CPU per comment");
        return $"| {name} | {stat.PerSecond:N0} | {stat.P50:F2} | {stat.P99:F2} | {stat.Max:F1} | {errors} |";
    }

    private static async Task<(List<string> Users, List<int> Posts)> SeedAsync(IDbContextFactory<ForumDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var users = Enumerable.Range(0, Members).Select(i => new ForumUser
        {
            UserName = $"writer{i}", NormalizedUserName = $"WRITER{i}", Email = $"writer{i}@bench.local", NormalizedEmail = $"WRITER{i}@BENCH.LOCAL",
            DisplayName = $"Writer {i}", CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Users.AddRange(users);
        var posts = Enumerable.Range(0, Posts).Select(i => new Post
        {
            Author = users[i % users.Count], Title = $"Film {i}", Year = 1990 + i % 30, Body = "A film.", Synopsis = "A film.", GenreList = "Drama",
            Genres = [new PostGenre { Genre = "Drama" }], CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Posts.AddRange(posts);
        await db.SaveChangesAsync();
        return ([.. users.Select(u => u.Id)], [.. posts.Select(p => p.Id)]);
    }
}
