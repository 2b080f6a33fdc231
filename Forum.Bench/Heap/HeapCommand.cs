using Forum.Bench.Circuits.Client;
using Forum.Bench.Circuits.Run;
using Forum.Bench.Circuits.Server;
using Microsoft.Diagnostics.NETCore.Client;

namespace Forum.Bench.Heap;

/// <summary>
/// `Forum.Bench heap …`: where a circuit's bytes are. Starts the server as the circuits driver does, dumps its heap
/// (after a forced full GC) before and after opening N circuits, walks both dumps with ClrMD and prints, per circuit,
/// the live bytes by type and by retaining path (the dominator tree folded by type).
/// </summary>
public static class HeapCommand
{
    public const string Usage =
        "usage: Forum.Bench heap [--circuits 100] [--tabs 10] [--page /|thread|PATH] [--target forum|baseline] [--min-kb 1] [--types 40] [--dumps DIR] [--analyze] [--who TYPE] [--components] [--cpu] [--cpu-report FILE [--callers METHOD|>METHOD]] [--alloc-report FILE [--per N] [--callers METHOD]] [--alloc-comments N | --cpu-comments N | --cpu-idle SECONDS | --cards SECONDS [--cards-rate N]] [--cards-report DUMP]";

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var circuits = int.Parse(Arg("--circuits", "100"));
        var members = Math.Max(2, circuits / int.Parse(Arg("--tabs", "10")));
        var pageArg = Arg("--page", "/");
        var minKb = double.Parse(Arg("--min-kb", "1"), System.Globalization.CultureInfo.InvariantCulture);
        var dumps = Arg("--dumps", Path.Combine(Path.GetTempPath(), "forum-heap"));
        Directory.CreateDirectory(dumps);
        if (Arg("--who", "") is { Length: > 0 } who)
        {
            var graph = HeapGraph.Load(Path.Combine(dumps, "after.dmp"));
            Console.WriteLine(HeapWho.Render(graph, new Dominators(graph), who));
            return 0;
        }
        if (Arg("--cpu-report", "") is { Length: > 0 } nettrace)
        {
            Console.WriteLine(CpuProfile.Report(nettrace, int.Parse(Arg("--types", "60")), Arg("--callers", "") is { Length: > 0 } c ? c : null));
            return 0;
        }
        if (Arg("--alloc-report", "") is { Length: > 0 } allocTrace)
        {
            // A recorded --alloc-comments trace again, per comment (--per), optionally only under one method (--callers).
            Console.WriteLine(AllocProfile.Report(allocTrace, int.Parse(Arg("--types", "40")), int.Parse(Arg("--per", "1000")),
                Arg("--callers", "") is { Length: > 0 } c ? c : null));
            return 0;
        }
        if (Arg("--cards-report", "") is { Length: > 0 } cardsDump)
        {
            Console.WriteLine(HeapCards.Analyze(cardsDump, circuits, int.Parse(Arg("--types", "40"))));
            return 0;
        }
        if (args.Contains("--components"))
        {
            Console.WriteLine(HeapComponents.Render(Path.Combine(dumps, "after.dmp"), int.Parse(Arg("--circuits", "100"))));
            return 0;
        }
        if (args.Contains("--analyze"))
        {
            // Walks the dumps of the last run again (the report changed, not the server).
            Console.WriteLine(Analyze(Path.Combine(dumps, "before.dmp"), Path.Combine(dumps, "after.dmp"), int.Parse(Arg("--circuits", "100")),
                pageArg, minKb, int.Parse(Arg("--types", "40"))));
            return 0;
        }
        var root = Target.RepoRoot();
        Target target = Arg("--target", "forum") == "baseline" ? new BaselineTarget(root) : new ForumTarget(root, 60);
        var ct = CancellationToken.None;

        Console.Error.WriteLine($"building {target.ProjectDir} (Release)");
        await target.BuildAsync(ct);
        var dataDir = Path.Combine(Path.GetTempPath(), "forum-heap-data", Guid.NewGuid().ToString("N"));
        var (spec, accounts) = await target.PrepareAsync(dataDir, members, ct);
        var page = pageArg == ForumTarget.ThreadPage ? $"/posts/{accounts.ThreadPostId}" : pageArg;
        using var server = await ServerProcess.StartAsync(spec, null, Path.GetDirectoryName(dataDir)!, ct);
        using var http = MemberClient.CreateSharedHttp();
        var loadMembers = accounts.Members.Select(m => new LoadMember(new MemberClient(http, server.BaseUri, m.UserName, accounts.Password) { KeepAlive = target.ClientPings }, m.PostId)).ToList();
        var tabs = new List<CircuitTab>();
        string before, after;
        try
        {
            foreach (var m in loadMembers) await m.Client.LogInAsync(ct);
            // Warm-up: static caches, pools and JIT'd code are not a circuit's cost.
            for (var round = 0; round < 3; round++)
            {
                var warm = await OpenAsync(loadMembers, page, Math.Min(circuits, 40));
                foreach (var t in warm) await t.CloseAsync();
            }
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            if (int.Parse(Arg("--alloc-comments", Arg("--cpu-comments", "0"))) is var count and > 0)
            {
                tabs = await OpenAsync(loadMembers, page, circuits);
                Console.WriteLine(await CommentProfile.RunAsync(server.Pid, loadMembers, count, cpu: args.Contains("--cpu-comments"),
                    Path.Combine(dumps, "comments.nettrace"), int.Parse(Arg("--types", "40")), ct));
                return 0;
            }
            if (int.Parse(Arg("--cards", "0")) is var cardSeconds and > 0)
            {
                // Who holds references from old objects to young ones, mid-stream: what each ephemeral GC scans.
                tabs = await OpenAsync(loadMembers, page, circuits);
                Console.WriteLine(await HeapCards.RecordAsync(server.Pid, loadMembers, cardSeconds,
                    double.Parse(Arg("--cards-rate", "100"), System.Globalization.CultureInfo.InvariantCulture), Path.Combine(dumps, "cards.dmp"),
                    int.Parse(Arg("--types", "40")), ct));
                return 0;
            }
            if (int.Parse(Arg("--cpu-idle", "0")) is var idleSeconds and > 0)
            {
                // Where an idle server's CPU goes with the circuits held (pings, timers, session re-checks).
                tabs = await OpenAsync(loadMembers, page, circuits);
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                var (user0, system0) = UserAndSystem(server.Pid);
                var trace = await CpuProfile.RecordAsync(server.Pid, Path.Combine(dumps, "idle.nettrace"),
                    () => Task.Delay(TimeSpan.FromSeconds(idleSeconds), ct), ct);
                var (user1, system1) = UserAndSystem(server.Pid);
                Console.WriteLine($"{circuits} circuits idle for {idleSeconds} s: {(user1 + system1 - user0 - system0) * 10.0 / idleSeconds / 10:F1} % of a core (profiler on)\n");
                Console.WriteLine(CpuProfile.Report(trace, int.Parse(Arg("--types", "60"))));
                return 0;
            }
            if (args.Contains("--cpu"))
            {
                // Where the opens spend the server's CPU, instead of where the circuits keep their bytes.
                var (user0, system0) = UserAndSystem(server.Pid);
                var trace = await CpuProfile.RecordAsync(server.Pid, Path.Combine(dumps, "opens.nettrace"),
                    async () => tabs = await OpenAsync(loadMembers, page, circuits), ct);
                var (user1, system1) = UserAndSystem(server.Pid);
                Console.WriteLine($"Server CPU per open (profiler on): user {(user1 - user0) * 10.0 / circuits:F1} ms, system {(system1 - system0) * 10.0 / circuits:F1} ms\n");
                Console.WriteLine(CpuProfile.Report(trace, int.Parse(Arg("--types", "60"))));
                return 0;
            }
            before = await DumpAsync(server.Pid, Path.Combine(dumps, "before.dmp"), ct);
            tabs = await OpenAsync(loadMembers, page, circuits);
            Console.Error.WriteLine($"{circuits} circuits open on {page}, {tabs.Average(t => t.Components):F0} components each");
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            after = await DumpAsync(server.Pid, Path.Combine(dumps, "after.dmp"), ct);
        }
        finally
        {
            foreach (var t in tabs) await t.CloseAsync();
            server.Dispose();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }

        Console.Error.WriteLine("walking the dumps");
        Console.WriteLine(Analyze(before, after, circuits, $"{target.Name} {pageArg}", minKb, int.Parse(Arg("--types", "40"))));
        return 0;
    }

    private static string Analyze(string beforeDump, string afterDump, int circuits, string label, double minKb, int types)
    {
        var graph = HeapGraph.Load(beforeDump);
        var before = HeapSummary.Of(graph, new Dominators(graph));
        graph = HeapGraph.Load(afterDump);
        var after = HeapSummary.Of(graph, new Dominators(graph));
        var (owned, ownedBytes, anchors) = CircuitOwnership.Of(graph, "CircuitHost", HeapReport.PerCircuitTypes(before, after, circuits));
        return HeapReport.Types(before, after, circuits, label, types) +
            $"\nOwned by one circuit (walked from each of {anchors} CircuitHosts, see CircuitOwnership): " +
            $"{ownedBytes / 1024.0 / circuits:F1} KB per circuit, {owned.TotalBytes / 1024.0 / circuits:F1} KB of it in the tree:\n\n" +
            HeapReport.Tree(null, owned, circuits, minKb);
    }

    private static async Task<List<CircuitTab>> OpenAsync(List<LoadMember> members, string page, int count)
    {
        var tabs = new List<CircuitTab>();
        var order = Enumerable.Range(0, count).Select(i => members[i % members.Count]);
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, c) =>
        {
            var tab = await LoadRun.OpenTabAsync(m, page, null!, c);
            lock (tabs) tabs.Add(tab);
        });
        return tabs;
    }

    /// <summary>utime and stime of a process in clock ticks (10 ms).</summary>
    internal static (long User, long System) UserAndSystem(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]), long.Parse(fields[12]));
    }

    /// <summary>A forced full GC (so the dump's free space is settled), then a heap dump by the runtime's own createdump.</summary>
    private static async Task<string> DumpAsync(int pid, string path, CancellationToken ct)
    {
        await GcMonitor.ForceFullGcAsync(pid, ct);
        File.Delete(path);
        await new DiagnosticsClient(pid).WriteDumpAsync(DumpType.WithHeap, path, logDumpGeneration: false, ct);
        return path;
    }
}
