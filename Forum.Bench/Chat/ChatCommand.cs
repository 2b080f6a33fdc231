using System.Diagnostics;
using Forum.Data;
using Forum.Data.Chat;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Bench.Chat;

/// <summary>`Forum.Bench chat …`: chat history reads at scale and the in-process fan-out of one message to a room.</summary>
public static class ChatCommand
{
    public const string Usage =
        "usage: Forum.Bench chat [--messages 1000000] [--runs 2000] [--warmup 200] [--fan-runs 300] [--subscribers 100,1000,5000] [--checkpoint-runs 2000] [--write PATH]";

    private static readonly string[] Valued = ["--messages", "--runs", "--warmup", "--fan-runs", "--subscribers", "--checkpoint-runs", "--write"];

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        if (args.Any(a => a.StartsWith("--") && !Valued.Contains(a)))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var size = new ChatSeedSize(Users: 2_000, Posts: 1_000, Conversations: 5_000, Messages: int.Parse(Arg("--messages", "1000000")));
        var (runs, warmup, fanRuns) = (int.Parse(Arg("--runs", "2000")), int.Parse(Arg("--warmup", "200")), int.Parse(Arg("--fan-runs", "300")));
        var checkpointRuns = int.Parse(Arg("--checkpoint-runs", "2000"));
        var subscribers = Arg("--subscribers", "100,1000,5000").Split(',').Select(int.Parse).ToList();
        var command = "dotnet run -c Release --project Forum.Bench -- chat" + (args.Length > 0 ? " " + string.Join(' ', args) : "");
        var loadStart = Report.LoadAverage();
        var clock = Stopwatch.StartNew();

        var file = Path.Combine(Path.GetTempPath(), $"forum-bench-chat-{Guid.NewGuid():N}.db");
        var cs = $"Data Source={file}";
        try
        {
            await using var sp = Services(cs, backgroundCheckpoints: false);
            Console.Error.WriteLine($"[chat] seeding {size.Messages:N0} messages into {file}");
            var seed = await ChatSeeder.SeedAsync(sp.GetRequiredService<IDbContextFactory<ForumDbContext>>(), cs, size);
            Console.Error.WriteLine($"[chat] seeded in {seed.Elapsed.TotalSeconds:F1} s ({seed.Bytes / 1e6:F0} MB); timing reads");
            var (history, plans) = await ChatHistoryBench.RunAsync(sp, seed, warmup, runs);
            Console.Error.WriteLine($"[chat] sender's call: WAL checkpoints in the commit and in the background, {checkpointRuns:N0} sends each");
            var checkpoints = await CheckpointBench.RunAsync(file, seed.UserIds, Math.Max(20, checkpointRuns / 10), checkpointRuns);
            // The fan-out on the app's wiring: connections that leave WAL checkpoints to the background checkpointer.
            SqliteConnection.ClearAllPools();
            await using var app = Services(cs, backgroundCheckpoints: true);
            var checkpointer = app.GetRequiredService<SqliteCheckpointer>();
            await checkpointer.StartAsync(CancellationToken.None);
            var fanout = new List<FanoutResult>();
            for (var i = 0; i < subscribers.Count; i++)
            {
                Console.Error.WriteLine($"[chat] fan-out to {subscribers[i]:N0} subscribers");
                // A room of its own per size, so each starts with an empty room topic.
                fanout.Add(await FanoutBench.RunAsync(app, ChatRooms.Movie(i + 1), subscribers[i], seed.UserIds, Math.Max(10, fanRuns / 10), fanRuns));
            }
            await checkpointer.StopAsync(CancellationToken.None);
            var section = ChatReport.Render(size, seed, history, plans, fanout, checkpoints, command, loadStart, clock.Elapsed, warmup, runs, fanRuns);
            Console.WriteLine(section);
            if (Arg("--write", "") is { Length: > 0 } path) await ReportFile.WriteSectionAsync(path, "chat", section);
            return plans.All(p => p.Ok) ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    /// <summary>
    /// As the app wires it: AddDbContextFactory + UseForumSqlite, the real bus, limiter and services, default options; with
    /// <paramref name="backgroundCheckpoints"/>, the app's default, connections that leave checkpoints to a <see cref="SqliteCheckpointer"/>.
    /// </summary>
    internal static ServiceProvider Services(string cs, bool backgroundCheckpoints) => new ServiceCollection().AddLogging()
        .AddDbContextFactory<ForumDbContext>(b => DataExtensions.UseForumSqlite(b, cs, backgroundCheckpoints))
        .AddForumServices().AddSingleton<SqliteCheckpointer>().BuildServiceProvider();
}
