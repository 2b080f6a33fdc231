using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Forum.Bench.Circuits.Run;
using Forum.Bench.Circuits.Server;
using Forum.Bench.Live;

namespace Forum.Bench.Nodes;

/// <summary>
/// `Forum.Bench nodes …`: comment → badge across nodes against within one node, in the same run. Two server processes
/// share one SQLite file and one Redis; every member has a socket on each node; each comment is POSTed to node B, and
/// its author's two sockets time the same event: on B (same node) and on A (across Redis).
/// </summary>
public static class NodesCommand
{
    public const string Usage = "usage: Forum.Bench nodes [--members 20] [--comments 500] [--warmup 100] [--write PATH]";

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        if (args.Any(a => a.StartsWith("--") && a is not ("--members" or "--comments" or "--warmup" or "--write")))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var (members, comments, warmup) = (int.Parse(Arg("--members", "20")), int.Parse(Arg("--comments", "500")), int.Parse(Arg("--warmup", "100")));
        var root = Target.RepoRoot();
        var command = "dotnet run -c Release --project Forum.Bench -- nodes " + string.Join(' ', args);
        var (loadStart, clock) = (Machine.LoadAverage(), Stopwatch.StartNew());
        var ct = CancellationToken.None;
        var dataDir = Path.Combine(Path.GetTempPath(), "forum-nodes", Guid.NewGuid().ToString("N"));
        void Log(string m) => Console.Error.WriteLine(m);

        var target = new ForumTarget(root, threadComments: 0);
        Log($"building and seeding {members + 1} members");
        await target.BuildAsync(ct);
        var (spec, accounts) = await target.PrepareAsync(dataDir, members + 1, ct);
        var key = TokenMint.NewKey();
        IReadOnlyDictionary<string, string> tokens;
        await using (var mint = new TokenMint(dataDir, key)) tokens = await mint.IssueAsync(accounts.Members.Select(m => m.UserName), ct);
        using var redis = await BenchRedis.StartAsync(ct);
        var env = new Dictionary<string, string>(spec.Environment)
        {
            ["Forum__Jwt__Key"] = key, ["Forum__Bus__Redis"] = $"127.0.0.1:{redis.Port}", ["Forum__Api__RateLimits__WritesPerMember"] = "100000",
        };
        using var nodeA = await ServerProcess.StartAsync(spec with { Name = "nodeA", Environment = env }, null, Path.GetDirectoryName(dataDir)!, ct);
        using var nodeB = await ServerProcess.StartAsync(spec with { Name = "nodeB", Environment = env }, null, Path.GetDirectoryName(dataDir)!, ct);
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        var readers = accounts.Members.Take(members).ToList();
        var onA = new List<BenchSocket>();
        var onB = new List<BenchSocket>();
        foreach (var m in readers)
        {
            onA.Add(await OpenAsync(nodeA, m, tokens, invoker, ct));
            onB.Add(await OpenAsync(nodeB, m, tokens, invoker, ct));
        }
        using var http = new HttpClient { BaseAddress = nodeB.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[accounts.Members[^1].UserName]);
        Log($"{members} members with a socket on each node; {warmup} warm-up comments, then {comments}");
        await MeasureAsync(http, onA, onB, warmup, ct);
        var (same, cross, posts, missing) = await MeasureAsync(http, onA, onB, comments, ct);
        var section = Render(command, loadStart, clock.Elapsed, Machine.Commit(root), members, comments, warmup,
            same, cross, Latency.Of(posts), missing);
        Console.WriteLine(section);
        if (Arg("--write", "") is { Length: > 0 } path) await ReportFile.WriteSectionAsync(path, "nodes", section);
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        return missing == 0 ? 0 : 1;
    }

    private static async Task<BenchSocket> OpenAsync(ServerProcess node, (string UserName, int PostId) member,
        IReadOnlyDictionary<string, string> tokens, HttpMessageInvoker invoker, CancellationToken ct)
    {
        var socket = new BenchSocket(member.UserName, member.PostId);
        await socket.OpenAsync(new UriBuilder(node.BaseUri) { Scheme = "ws", Path = "/ws" }.Uri, invoker, tokens[member.UserName], ct);
        return socket;
    }

    /// <summary>One comment at a time on a random member's post, POSTed to node B; both of that member's sockets time it.</summary>
    private static async Task<(List<double> Same, List<double> Cross, List<double> Posts, int Missing)> MeasureAsync(
        HttpClient http, List<BenchSocket> onA, List<BenchSocket> onB, int comments, CancellationToken ct)
    {
        var (same, cross, posts, missing) = (new List<double>(), new List<double>(), new List<double>(), 0);
        var random = new Random(11);
        for (var i = 0; i < comments; i++)
        {
            var m = random.Next(onA.Count);
            var (arrivedA, arrivedB) = (onA[m].NextMessageAsync(), onB[m].NextMessageAsync());
            var start = Stopwatch.GetTimestamp();
            using (var response = await http.PostAsJsonAsync($"/api/posts/{onB[m].PostId}/comments",
                       new { body = $"Nodes bench comment {i}", parentId = (int?)null, requestId = Guid.NewGuid() }, ct))
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"POST comment: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            posts.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            try
            {
                same.Add(Stopwatch.GetElapsedTime(start, await arrivedB.WaitAsync(TimeSpan.FromSeconds(10), ct)).TotalMilliseconds);
                cross.Add(Stopwatch.GetElapsedTime(start, await arrivedA.WaitAsync(TimeSpan.FromSeconds(10), ct)).TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                missing++;
            }
        }
        return (same, cross, posts, missing);
    }

    private static string Render(string command, string loadStart, TimeSpan elapsed, string commit, int members, int comments, int warmup,
        List<double> sameSamples, List<double> crossSamples, Latency posts, int missing)
    {
        var (same, cross) = (Latency.Of(sameSamples), Latency.Of(crossSamples));
        var extra = Latency.Of(crossSamples.Zip(sameSamples, (a, b) => a - b).ToList());
        var sb = new StringBuilder();
        void L(string line = "") => sb.AppendLine(line);
        string F(double v) => double.IsNaN(v) ? "–" : v.ToString("F2", CultureInfo.InvariantCulture);
        L("## Across nodes: comment → badge on another node vs the same node");
        L();
        L($"Command: `{command}` ({elapsed.TotalMinutes:F1} min, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {commit}).");
        L($"Machine: {Machine.Describe()}. Not pinned: both nodes, Redis and the driver share the cores. " +
          $"Load average (1/5/15 min) at start → end: {loadStart} → {Machine.LoadAverage()}.");
        L();
        L("| where the author's socket is | comment → `message` p50 | p99 | max | received |");
        L("|---|---:|---:|---:|---:|");
        L($"| node B (the node that took the POST) | {F(same.P50)} ms | {F(same.P99)} ms | {F(same.Max)} ms | {same.Count} of {comments} |");
        L($"| node A (across Redis) | {F(cross.P50)} ms | {F(cross.P99)} ms | {F(cross.Max)} ms | {cross.Count} of {comments} |");
        L();
        L($"Cross-node p99 − same-node p99: **{F(cross.P99 - same.P99)} ms** (target ≤ 10 ms). The same comment's extra time on node A " +
          $"(A − B, per comment) p50 / p99 / max: {F(extra.P50)} / {F(extra.P99)} / {F(extra.Max)} ms. POST round trip p50 / p99: {F(posts.P50)} / {F(posts.P99)} ms. " +
          $"Missing: {missing}.");
        L();
        L($"- Two `dotnet Forum.App.dll` processes (Release, Production) on one SQLite file and one `redis-server` on loopback; {members} members, " +
          "each with a /ws socket on both nodes. Comments are POSTed one at a time to node B on a random member's post; both of that member's sockets " +
          "time the same comment from sending the POST to reading the `message` frame, so the two columns differ only by the trip through Redis " +
          $"(node B publishes once; node A receives it on the channel and delivers through its own queues). {warmup} warm-up comments are not counted.");
        return sb.ToString();
    }
}
