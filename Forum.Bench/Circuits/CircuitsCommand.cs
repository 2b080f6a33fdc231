using System.Diagnostics;
using System.Globalization;
using Forum.Bench.Circuits.Run;
using Forum.Bench.Circuits.Server;

namespace Forum.Bench.Circuits;

/// <summary>
/// `Forum.Bench circuits …`: opens Blazor circuits on a server it starts, without a browser, and measures
/// B1 (memory and CPU per circuit) and B3 (comment → badge latency). Options are documented in Usage.
/// </summary>
public static class CircuitsCommand
{
    public const string Usage =
        "usage: Forum.Bench circuits [--circuits 200[,1000,…]] [--tabs 10 | --members N] [--pages /[,thread]] [--rate 50[,200]] " +
        "[--seconds 30] [--idle-seconds 10] [--warmup-seconds 20] [--open-concurrency 8] [--thread-comments 60] " +
        "[--targets forum[,baseline] | --baseline] [--settle-seconds 10] [--thread-probe 0] [--server-env K=V,…] [--no-pin] [--write PATH]";

    private static readonly string[] Valued =
        ["--circuits", "--tabs", "--members", "--pages", "--rate", "--seconds", "--idle-seconds", "--warmup-seconds", "--open-concurrency", "--thread-comments", "--write", "--targets", "--settle-seconds", "--thread-probe", "--server-env"];

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var unknown = args.Where(a => a.StartsWith("--") && !Valued.Contains(a) && a is not ("--baseline" or "--no-pin")).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var counts = Arg("--circuits", "200").Split(',').Select(int.Parse).ToList();
        var pages = Arg("--pages", "/").Split(',').ToList();
        var rates = Arg("--rate", "50").Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList();
        var pin = !args.Contains("--no-pin") && Environment.ProcessorCount >= 2;
        // Server on core 0, driver on core 1, so neither measures the other's work.
        var driverPinned = pin && ProcessCpu.PinSelf(1);

        var root = Target.RepoRoot();
        // --server-env DOTNET_gcServer=0,DOTNET_GCgen0size=0x1000000: settings to try on the forum's process.
        var serverEnv = Arg("--server-env", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        var forum = new ForumTarget(root, int.Parse(Arg("--thread-comments", "60")), serverEnv);
        // --baseline is short for --targets forum,baseline.
        var names = Arg("--targets", args.Contains("--baseline") ? "forum,baseline" : "forum").Split(',');
        var targets = names.Select(n => n switch
        {
            "forum" => forum,
            "baseline" => (Target)new BaselineTarget(root),
            _ => throw new ArgumentException($"Unknown target {n}: forum or baseline."),
        }).ToList();
        var command = "dotnet run -c Release --project Forum.Bench -- circuits " + string.Join(' ', args);
        var loadStart = Machine.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        foreach (var t in targets)
        {
            Console.Error.WriteLine($"building {t.ProjectDir} (Release)");
            await t.BuildAsync(cts.Token);
        }
        var results = new List<RunResult>();
        foreach (var circuits in counts)
        {
            var members = args.Contains("--members") ? int.Parse(Arg("--members", "")) : Math.Max(2, circuits / int.Parse(Arg("--tabs", "10")));
            foreach (var t in targets)
                foreach (var page in pages.Where(t.Serves))
                {
                    var settings = new RunSettings(circuits, members, page, rates, int.Parse(Arg("--seconds", "30")), int.Parse(Arg("--idle-seconds", "10")),
                        int.Parse(Arg("--warmup-seconds", "20")), int.Parse(Arg("--open-concurrency", "8")), int.Parse(Arg("--settle-seconds", "10")), pin ? 0 : null,
                        int.Parse(Arg("--thread-probe", "0")), int.Parse(Arg("--thread-comments", "60")));
                    results.Add(await LoadRun.RunAsync(t, settings, m => Console.Error.WriteLine(m), cts.Token));
                }
        }

        var section = CircuitsReport.Render(results, command, loadStart, clock.Elapsed,
            pin ? $"server on CPU 0 (taskset), driver on CPU {(driverPinned ? "1" : "? (pinning failed)")}" : "not pinned", Machine.Commit(root));
        Console.WriteLine(section);
        if (Arg("--write", "") is { Length: > 0 } path) await ReportFile.WriteCircuitsAsync(path, section);
        return results.All(r => r.Dropped == 0 && r.Loads.All(l => l.Badge.Delivered == l.Badge.Expected)) ? 0 : 1;
    }
}
