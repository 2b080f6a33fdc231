using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Forum.Bench.Circuits.Run;
using Forum.Bench.Circuits.Server;

namespace Forum.Bench.Live;

public sealed record LiveSettings(IReadOnlyList<int> Levels, int Comments, int WarmupComments, int SettleSeconds, int OpenConcurrency, int? ServerCpu);

/// <param name="Event">Comment POST sent → the post author's socket has read the <c>message</c> frame (ms).</param>
/// <param name="Post">The POST's own round trip (the commit is inside it).</param>
public sealed record LevelResult(
    int Sockets, HeapAfterGc Heap, long RssBytes, double OpenCpuMsPerSocket, Latency Event, Latency EventWithoutGc, Latency Post,
    int Expected, int Messages, int Notifications, int Unexpected, int Dropped, double ServerCpuPercent, GcFigures Gc,
    string LoadStart, string LoadEnd);

public sealed record LiveResult(HeapAfterGc Baseline, long BaselineRss, IReadOnlyList<LevelResult> Levels);

/// <summary>
/// One server process, sockets opened level by level (1, 1,000, 5,000…), each a different member, all authenticated.
/// At each level: the server's heap after a forced full GC (less the heap before any socket), then comments posted one
/// at a time through the API on the post of a random open member, timed until that member's socket reads the count.
/// </summary>
public static class LiveRun
{
    public static async Task<LiveResult> RunAsync(string repoRoot, LiveSettings s, Action<string> log, CancellationToken ct)
    {
        var max = s.Levels.Max();
        var dataDir = Path.Combine(Path.GetTempPath(), "forum-live", Guid.NewGuid().ToString("N"));
        var target = new ForumTarget(repoRoot, threadComments: 0);
        log($"building and seeding {max + 1} members");
        await target.BuildAsync(ct);
        var (spec, accounts) = await target.PrepareAsync(dataDir, max + 1, ct);
        var key = TokenMint.NewKey();
        spec = spec with
        {
            Environment = new Dictionary<string, string>(spec.Environment)
            {
                ["Forum__Jwt__Key"] = key,
                // One writer posts thousands of comments: the API's per-member write limit is not what is measured here.
                ["Forum__Api__RateLimits__WritesPerMember"] = "100000",
            },
        };
        IReadOnlyDictionary<string, string> tokens;
        await using (var mint = new TokenMint(dataDir, key)) tokens = await mint.IssueAsync(accounts.Members.Select(m => m.UserName), ct);
        log($"{tokens.Count} tokens issued; starting the server");

        using var server = await ServerProcess.StartAsync(spec, s.ServerCpu, Path.GetDirectoryName(dataDir)!, ct);
        using var gc = new GcMonitor(server.Pid);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) }) { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[accounts.Members[^1].UserName]);
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        var wsUri = new UriBuilder(server.BaseUri) { Scheme = "ws", Path = "/ws" }.Uri;
        var members = accounts.Members.Take(max).ToList();
        var open = new List<BenchSocket>();
        try
        {
            // Warm-up: the JIT's tiers, pools and caches settle on the paths measured below.
            var warm = await OpenAsync(members.Take(Math.Min(50, max)), open.Count, tokens, wsUri, invoker, s.OpenConcurrency, ct);
            await MeasureAsync(http, warm, s.WarmupComments, gc, ct);
            foreach (var socket in warm) await socket.CloseAsync();
            await Task.Delay(TimeSpan.FromSeconds(s.SettleSeconds), ct);
            var baseline = await GcMonitor.ForceFullGcAsync(server.Pid, ct);
            var baselineRss = Rss(server.Pid);
            log($"baseline heap: {baseline.LiveBytes / 1024.0 / 1024.0:F1} MB live; RSS {baselineRss / 1024.0 / 1024.0:F0} MB");

            var levels = new List<LevelResult>();
            foreach (var level in s.Levels.Order())
            {
                var loadStart = Machine.LoadAverage();
                var cpu0 = server.CpuTime;
                var added = level - open.Count;
                open.AddRange(await OpenAsync(members.Skip(open.Count).Take(added), open.Count, tokens, wsUri, invoker, s.OpenConcurrency, ct));
                var openCpu = added == 0 ? 0 : (server.CpuTime - cpu0).TotalMilliseconds / added;
                await Task.Delay(TimeSpan.FromSeconds(s.SettleSeconds), ct);
                var heap = await GcMonitor.ForceFullGcAsync(server.Pid, ct);
                var rss = Rss(server.Pid);
                log($"{level} sockets: {(heap.LiveBytes - baseline.LiveBytes) / 1024.0 / level:F1} KB live each; {s.Comments} comments");

                var (from, cpu1, wall) = (DateTime.UtcNow, server.CpuTime, Stopwatch.StartNew());
                var before = (open.Sum(o => o.Messages), open.Sum(o => o.Notifications));
                var (events, quiet, posts) = await MeasureAsync(http, open, s.Comments, gc, ct);
                var serverCpu = (server.CpuTime - cpu1) / wall.Elapsed * 100;
                var to = DateTime.UtcNow;
                await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // the last notifications, and GC events that arrive late
                var result = new LevelResult(level, heap, rss, openCpu, Latency.Of(events), Latency.Of(quiet), Latency.Of(posts),
                    s.Comments, open.Sum(o => o.Messages) - before.Item1, open.Sum(o => o.Notifications) - before.Item2,
                    open.Sum(o => o.Other), open.Count(o => o.Dropped is not null), serverCpu, gc.Between(from, to), loadStart, Machine.LoadAverage());
                log($"{level} sockets: p50 {result.Event.P50:F2} p99 {result.Event.P99:F2} ms; messages {result.Messages}/{result.Expected}, " +
                    $"notifications {result.Notifications}, dropped {result.Dropped}");
                levels.Add(result);
            }
            return new LiveResult(baseline, baselineRss, levels);
        }
        finally
        {
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (o, _) => await o.CloseAsync());
            server.Dispose();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<List<BenchSocket>> OpenAsync(IEnumerable<(string UserName, int PostId)> members, int already,
        IReadOnlyDictionary<string, string> tokens, Uri uri, HttpMessageInvoker invoker, int concurrency, CancellationToken ct)
    {
        var opened = new List<BenchSocket>();
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (m, c) =>
        {
            var socket = new BenchSocket(m.UserName, m.PostId);
            await socket.OpenAsync(uri, invoker, tokens[m.UserName], c);
            lock (opened) opened.Add(socket);
        });
        return opened;
    }

    /// <summary>Comments one at a time, each on the post of a random open socket's member; returns the latencies in ms.</summary>
    private static async Task<(List<double> Events, List<double> WithoutGc, List<double> Posts)> MeasureAsync(
        HttpClient http, IReadOnlyList<BenchSocket> sockets, int comments, GcMonitor gc, CancellationToken ct)
    {
        var (events, quiet, posts) = (new List<double>(), new List<double>(), new List<double>());
        var random = new Random(7);
        for (var i = 0; i < comments; i++)
        {
            var target = sockets[random.Next(sockets.Count)];
            var arrived = target.NextMessageAsync();
            var start = Stopwatch.GetTimestamp();
            using (var response = await http.PostAsJsonAsync($"/api/posts/{target.PostId}/comments",
                       new { body = $"Live bench comment {i}", parentId = (int?)null, requestId = Guid.NewGuid() }, ct))
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"POST comment: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            posts.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            long at;
            try
            {
                at = await arrived.WaitAsync(TimeSpan.FromSeconds(10), ct);
            }
            catch (TimeoutException)
            {
                continue; // counted as missing: messages received < expected
            }
            events.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
            if (!gc.PausedBetween(start, at)) quiet.Add(events[^1]);
        }
        return (events, quiet, posts);
    }

    private static long Rss(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:"))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024).First();
}
