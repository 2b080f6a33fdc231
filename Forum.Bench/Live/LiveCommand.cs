using System.Diagnostics;
using Forum.Bench.Circuits.Run;
using Forum.Bench.Circuits.Server;

namespace Forum.Bench.Live;

/// <summary>
/// `Forum.Bench live …`: the /ws transport under load, in a server process of its own: memory per idle authenticated
/// socket (heap after a forced full GC) and comment → <c>message</c> latency with 1, 1,000 and 5,000 sockets open.
/// </summary>
public static class LiveCommand
{
    public const string Usage =
        "usage: Forum.Bench live [--sockets 1,1000,5000] [--comments 1000] [--warmup 300] [--settle-seconds 5] [--open-concurrency 16] [--no-pin] [--write PATH]";

    private static readonly string[] Valued = ["--sockets", "--comments", "--warmup", "--settle-seconds", "--open-concurrency", "--write"];

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        if (args.Any(a => a.StartsWith("--") && !Valued.Contains(a) && a != "--no-pin"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var pin = !args.Contains("--no-pin") && Environment.ProcessorCount >= 2;
        // Server on core 0, clients and writer on core 1, as the circuits driver does.
        var selfPinned = pin && ProcessCpu.PinSelf(1);
        var settings = new LiveSettings(Arg("--sockets", "1,1000,5000").Split(',').Select(int.Parse).ToList(), int.Parse(Arg("--comments", "1000")),
            int.Parse(Arg("--warmup", "300")), int.Parse(Arg("--settle-seconds", "5")), int.Parse(Arg("--open-concurrency", "16")), pin ? 0 : null);
        var root = Target.RepoRoot();
        var command = "dotnet run -c Release --project Forum.Bench -- live " + string.Join(' ', args);
        var (loadStart, clock) = (Machine.LoadAverage(), Stopwatch.StartNew());
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        var result = await LiveRun.RunAsync(root, settings, m => Console.Error.WriteLine(m), cts.Token);

        var pinning = pin ? $"server on CPU 0 (taskset), clients on CPU {(selfPinned ? "1" : "? (pinning failed)")}" : "not pinned";
        var section = LiveReport.Render(result, settings, command, loadStart, clock.Elapsed, pinning, Machine.Commit(root));
        Console.WriteLine(section);
        if (Arg("--write", "") is { Length: > 0 } path) await ReportFile.WriteSectionAsync(path, "live", section);
        return result.Levels.All(l => l.Messages == l.Expected && l.Notifications == l.Expected && l.Dropped == 0 && l.Unexpected == 0) ? 0 : 1;
    }
}
