using System.Diagnostics;
using Forum.Bench.Circuits.Client;
using Forum.Bench.Circuits.Server;

namespace Forum.Bench.Circuits.Run;

/// <summary>
/// One run against a fresh server: log the members in, warm up, then B1 (heap per circuit after forced full GCs,
/// server CPU per open, idle CPU and GC pauses with the circuits held) and B3 (comment → badge at a fixed rate).
/// </summary>
public static class LoadRun
{
    public static async Task<RunResult> RunAsync(Target target, RunSettings s, Action<string> log, CancellationToken ct)
    {
        var loadStart = Machine.LoadAverage();
        var dataDir = Path.Combine(Path.GetTempPath(), "forum-circuits", $"{target.Name}-{Guid.NewGuid():N}");
        var (spec, accounts) = await target.PrepareAsync(dataDir, s.Members, ct);
        // "thread-end": the thread through a link to its last comment (/posts/1#c42), so the page shown is its last one.
        var page = s.Page switch
        {
            ForumTarget.ThreadPage => $"/posts/{accounts.ThreadPostId}",
            ForumTarget.ThreadEndPage => $"/posts/{accounts.ThreadPostId}#c{accounts.ThreadLastCommentId}",
            _ => s.Page,
        };
        log($"[{target.Name} {s.Page} {s.Circuits}] seeded {s.Members} members; starting the server");
        using var server = await ServerProcess.StartAsync(spec, s.ServerCpu, Path.GetDirectoryName(dataDir)!, ct);
        using var gc = new GcMonitor(server.Pid);
        using var http = MemberClient.CreateSharedHttp();
        var tracker = new BadgeTracker();
        var probe = new ThreadProbe(tracker);
        var members = accounts.Members.Select(m => new LoadMember(new MemberClient(http, server.BaseUri, m.UserName, accounts.Password) { KeepAlive = target.ClientPings }, m.PostId)).ToList();
        var tabs = new List<CircuitTab>();
        try
        {
            var cpu0 = server.CpuTime;
            await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                async (m, c) => await m.Client.LogInAsync(c));
            var loginCpuMs = (server.CpuTime - cpu0).TotalMilliseconds / members.Count;
            foreach (var m in members) m.Writer = await CommentWriter.CreateAsync(m.Client, ct);
            log($"[{target.Name}] {members.Count} logged in ({loginCpuMs:F0} ms server CPU each), writers use {members[0].Writer!.Auth}; warming up {s.WarmupSeconds} s");

            await WarmUpAsync(members, page, tracker, probe, s, ct);
            tracker.TakeFigures();

            var before = await GcMonitor.ForceFullGcAsync(server.Pid, ct);
            var openLatencies = new List<double>();
            cpu0 = server.CpuTime;
            var order = Enumerable.Range(0, s.Circuits).Select(i => members[i % members.Count]).ToList();
            await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = s.OpenConcurrency, CancellationToken = ct }, async (m, c) =>
            {
                var started = Stopwatch.GetTimestamp();
                var tab = await OpenTabAsync(m, page, probe, c);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (tabs)
                {
                    tabs.Add(tab);
                    openLatencies.Add(ms);
                    if (tabs.Count % 1000 == 0) log($"[{target.Name}] {tabs.Count} circuits open");
                }
            });
            var openCpuMs = (server.CpuTime - cpu0).TotalMilliseconds / s.Circuits;
            // The last renders, their JS interop follow-ups and the tier-1 JIT of code the opens made hot take a few seconds.
            await Task.Delay(TimeSpan.FromSeconds(s.SettleSeconds), ct);
            var with = await GcMonitor.ForceFullGcAsync(server.Pid, ct);
            log($"[{target.Name}] {s.Circuits} open: {openCpuMs:F1} ms CPU each, {(with.LiveBytes - before.LiveBytes) / 1024.0 / s.Circuits:F0} KB live each; idle {s.IdleSeconds} s");

            var idle = await HoldAsync(server, gc, s.ServerCpu, TimeSpan.FromSeconds(s.IdleSeconds), _ => Task.CompletedTask, log, ct);
            log($"[{target.Name}] idle {idle.ServerCpu:F1} % of a core");
            ThreadFigures? thread = null;
            if (s.ThreadProbe > 0 && accounts.ThreadPostId is { } threadId && s.Page.StartsWith(ForumTarget.ThreadPage, StringComparison.Ordinal))
            {
                thread = await probe.RunAsync(members[0], threadId, page, tabs, s.ThreadProbe, opens: 30, ct);
                log($"[{target.Name}] B5: new comment batch {thread.Batch.P50:F0} B (max {thread.Batch.Max:F0}), arrival p99 {thread.Arrival.P99:F1} ms, " +
                    $"delivered {thread.Delivered}/{thread.Expected}; single opens: prerender p99 {thread.Prerender.P99:F1} ms, render p99 {thread.Render.P99:F1} ms");
            }
            var loads = new List<LoadFigures>();
            foreach (var rate in s.Rates)
            {
                log($"[{target.Name}] comments at {rate}/s for {s.Seconds} s");
                var load = new CommentLoad(members, tracker);
                var phase = await HoldAsync(server, gc, s.ServerCpu, TimeSpan.FromSeconds(s.Seconds), t => load.RunAsync(rate, t, ct), log, ct);
                await load.DrainAsync();
                await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // the last GC events
                var badge = tracker.TakeFigures(gc.PausedBetween);
                loads.Add(new LoadFigures(rate, load.Posted / (double)s.Seconds, load.Skipped, badge, phase));
                log($"[{target.Name}] badge p50 {badge.Badge.P50:F1} p99 {badge.Badge.P99:F1} ms (no GC pause: p99 {badge.BadgeWithoutGc.P99:F1} ms), " +
                    $"delivered {badge.Delivered}/{badge.Expected}");
                foreach (var line in GcAnatomy.Describe(phase.Pauses)) log($"[{target.Name}]   GC pauses: {line}");
            }
            var dropped = tabs.Where(t => t.DroppedReason is not null).ToList();
            log($"[{target.Name}] dropped {dropped.Count}");
            return new RunResult(target.Name, s.Page, s, loadStart, Machine.LoadAverage(), members[0].Writer!.Auth,
                s.Circuits, tabs.Average(t => t.Components), loginCpuMs, before, with, openCpuMs, Latency.Of(openLatencies),
                idle, loads, dropped.Count, dropped.FirstOrDefault()?.DroppedReason, thread);
        }
        finally
        {
            await CloseAllAsync(tabs);
            server.Dispose();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    public static async Task<CircuitTab> OpenTabAsync(LoadMember member, string page, IBatchObserver observer, CancellationToken ct)
    {
        var tab = new CircuitTab(member.Client, observer, member);
        try
        {
            await tab.OpenAsync(page, ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        catch
        {
            await tab.DisposeAsync();
            throw;
        }
        if (tab.InitialUnreadCount is { } count) member.UnreadCount = count;
        lock (member.Tabs) member.Tabs.Add(tab);
        return tab;
    }

    /// <summary>Opens and closes circuits and posts comments until tiered JIT has settled on the hot paths.</summary>
    private static async Task WarmUpAsync(List<LoadMember> members, string page, BadgeTracker tracker, IBatchObserver observer, RunSettings s, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(s.WarmupSeconds))
        {
            var tabs = new List<CircuitTab>();
            var order = members.Take(Math.Min(members.Count, 25)).SelectMany(m => Enumerable.Repeat(m, 2)).ToList();
            await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = s.OpenConcurrency, CancellationToken = ct },
                async (m, c) => { var t = await OpenTabAsync(m, page, observer, c); lock (tabs) tabs.Add(t); });
            var load = new CommentLoad(members.Take(Math.Min(members.Count, 25)).ToList(), tracker);
            await load.RunAsync(Math.Min(s.Rates[0], 50), TimeSpan.FromSeconds(2), ct);
            await load.DrainAsync();
            await CloseAllAsync(tabs);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for <paramref name="length"/> and returns, meanwhile: the server's CPU, the CPU other
    /// processes took on the server's core, the driver's own CPU (each in % of a core), and the server's GCs.
    /// </summary>
    private static async Task<PhaseFigures> HoldAsync(ServerProcess server, GcMonitor gc, int? serverCpu, TimeSpan length,
        Func<TimeSpan, Task> work, Action<string> log, CancellationToken ct)
    {
        var (from, cpu0, clock) = (DateTime.UtcNow, server.CpuTime, Stopwatch.StartNew());
        var core0 = ProcessCpu.Core(serverCpu ?? 0);
        var driver0 = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(work(length), Task.Delay(length, ct), TraceCpuAsync(server, length, log, ct));
        var wall = clock.Elapsed;
        var cpu = server.CpuTime - cpu0;
        var core = ProcessCpu.Core(serverCpu ?? 0);
        var driver = Process.GetCurrentProcess().TotalProcessorTime - driver0;
        var to = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // GC events reach the session up to ~1 s late
        return new PhaseFigures(cpu / wall * 100, serverCpu is null ? double.NaN : Math.Max(0, (core.Busy - core0.Busy - cpu) / wall * 100),
            driver / wall * 100, gc.Between(from, to), gc.Anatomy.Between(from, to));
    }

    /// <summary>Logs the server's CPU every 5 s, so a phase that is not steady shows in the progress output.</summary>
    private static async Task TraceCpuAsync(ServerProcess server, TimeSpan length, Action<string> log, CancellationToken ct)
    {
        var step = TimeSpan.FromSeconds(5);
        for (var left = length; left >= step; left -= step)
        {
            var cpu = server.CpuTime;
            await Task.Delay(step, ct);
            log($"    server CPU {(server.CpuTime - cpu) / step * 100:F0} % of a core");
        }
    }

    private static async Task CloseAllAsync(List<CircuitTab> tabs)
    {
        await Parallel.ForEachAsync(tabs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (t, _) => await t.CloseAsync());
        foreach (var t in tabs) if (t.Tag is LoadMember m) lock (m.Tabs) m.Tabs.Remove(t);
        tabs.Clear();
    }
}
