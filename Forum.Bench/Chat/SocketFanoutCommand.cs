using System.Diagnostics;
using Forum.Bench.Circuits.Run;
using Forum.Bench.Circuits.Server;

namespace Forum.Bench.Chat;

/// <summary>`Forum.Bench chat-sockets …`: one chat message to a room of 100, 1,000 and 5,000 real /ws subscribers.</summary>
public static class SocketFanoutCommand
{
    public const string Usage =
        "usage: Forum.Bench chat-sockets [--sockets 100,1000,5000] [--members 100] [--messages 300] [--warmup 30] [--burst 20] " +
        "[--settle-seconds 3] [--open-concurrency 16] [--no-pin] [--write PATH]";

    private static readonly string[] Valued =
        ["--sockets", "--members", "--messages", "--warmup", "--burst", "--settle-seconds", "--open-concurrency", "--write"];

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        if (args.Any(a => a.StartsWith("--") && !Valued.Contains(a) && a != "--no-pin"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var pin = !args.Contains("--no-pin") && Environment.ProcessorCount >= 2;
        // Server on core 0, clients and sender on core 1, as the live and circuits commands do.
        var selfPinned = pin && ProcessCpu.PinSelf(1);
        // The burst stays under the server's per-socket send queue (64 frames): a client that is slower than that is cut.
        var settings = new SocketFanoutSettings(Arg("--sockets", "100,1000,5000").Split(',').Select(int.Parse).ToList(), int.Parse(Arg("--members", "100")),
            int.Parse(Arg("--messages", "300")), int.Parse(Arg("--warmup", "30")), Math.Min(int.Parse(Arg("--burst", "20")), 48),
            int.Parse(Arg("--settle-seconds", "3")), int.Parse(Arg("--open-concurrency", "16")), pin ? 0 : null);
        var root = Target.RepoRoot();
        var command = "dotnet run -c Release --project Forum.Bench -- chat-sockets" + (args.Length > 0 ? " " + string.Join(' ', args) : "");
        var (loadStart, clock) = (Machine.LoadAverage(), Stopwatch.StartNew());
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        var levels = await SocketFanoutRun.RunAsync(root, settings, m => Console.Error.WriteLine($"[chat-sockets] {m}"), cts.Token);

        var pinning = pin ? $"server on CPU 0 (taskset), clients and sender on CPU {(selfPinned ? "1" : "? (pinning failed)")}" : "not pinned";
        var section = SocketFanoutReport.Render(levels, settings, command, loadStart, clock.Elapsed, pinning, Machine.Commit(root));
        Console.WriteLine(section);
        if (Arg("--write", "") is { Length: > 0 } path) await ReportFile.WriteSectionAsync(path, "chat-sockets", section);
        return levels.All(l => l.Received == l.Expected && l.Dropped == 0 && l.TimedOut == 0) ? 0 : 1;
    }
}
