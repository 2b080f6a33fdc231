using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Bench.Circuits.Run;
using Forum.Bench.Circuits.Server;
using Forum.Bench.Live;

namespace Forum.Bench.Chat;

public sealed record SocketFanoutSettings(
    IReadOnlyList<int> Levels, int Members, int Messages, int Warmup, int Burst, int SettleSeconds, int OpenConcurrency, int? ServerCpu);

/// <param name="LastDelivery">POST sent → the last subscriber's socket read the <c>chat</c> frame (ms).</param>
/// <param name="FirstDelivery">POST sent → the first subscriber's socket read it.</param>
/// <param name="Post">The sender's POST round trip (validation, the SQLite commit, the publish).</param>
/// <param name="BurstPerSecond">Deliveries per second while <see cref="SocketFanoutSettings.Burst"/> messages are POSTed back to back.</param>
public sealed record SocketLevel(
    int Sockets, Latency LastDelivery, Latency FirstDelivery, Latency Post, double PerMessagePerSecond, double BurstPerSecond,
    long Expected, long Received, int Dropped, int TimedOut, double ServerCpuPercent, double ClientCpuPercent, double OthersOnServerCpuPercent,
    long RssBytes, double OpenSeconds, string LoadStart, string LoadEnd);

/// <summary>
/// One server process; sockets join one movie room level by level (100, then 1,000, then 5,000 in all), spread over a
/// few members (a member's sockets are listeners of their own in the room's fan-out, exactly as many members' are, but
/// presence announces each member once, not each socket: 5,000 distinct members would make the joins a 12.5-million-frame
/// storm of <c>joined</c> before anything is measured). At each level a sender member POSTs messages to the room one at
/// a time, each once every socket has the previous one, then a burst back to back.
/// </summary>
public static class SocketFanoutRun
{
    public static async Task<IReadOnlyList<SocketLevel>> RunAsync(string repoRoot, SocketFanoutSettings s, Action<string> log, CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "forum-chat-sockets", Guid.NewGuid().ToString("N"));
        var target = new ForumTarget(repoRoot, threadComments: 0);
        log($"building and seeding {s.Members + 1} members");
        await target.BuildAsync(ct);
        var (spec, accounts) = await target.PrepareAsync(dataDir, s.Members + 1, ct);
        var key = TokenMint.NewKey();
        spec = spec with
        {
            Environment = new Dictionary<string, string>(spec.Environment)
            {
                ["Forum__Jwt__Key"] = key,
                // One sender writes hundreds of messages a minute: the flood rules are not what is measured here.
                ["Forum__Chat__MessagesPerWindow"] = "100000",
                ["Forum__Api__RateLimits__WritesPerMember"] = "100000",
            },
        };
        IReadOnlyDictionary<string, string> tokens;
        await using (var mint = new TokenMint(dataDir, key)) tokens = await mint.IssueAsync(accounts.Members.Select(m => m.UserName), ct);
        var (subscribers, sender) = (accounts.Members.Take(s.Members).ToList(), accounts.Members[^1]);
        var room = $"movie-{accounts.Members[0].PostId}";

        using var server = await ServerProcess.StartAsync(spec, s.ServerCpu, Path.GetDirectoryName(dataDir)!, ct);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) }) { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[sender.UserName]);
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        var wsUri = new UriBuilder(server.BaseUri) { Scheme = "ws", Path = "/ws" }.Uri;
        var open = new List<RoomSocket>();
        var sent = 0L;
        try
        {
            var levels = new List<SocketLevel>();
            foreach (var level in s.Levels.Order())
            {
                var loadStart = Machine.LoadAverage();
                var opening = Stopwatch.StartNew();
                var adding = Enumerable.Range(open.Count, level - open.Count).Select(i => subscribers[i % subscribers.Count].UserName).ToList();
                await Parallel.ForEachAsync(adding, new ParallelOptions { MaxDegreeOfParallelism = s.OpenConcurrency, CancellationToken = ct }, async (name, c) =>
                {
                    var socket = new RoomSocket(name);
                    await socket.OpenAsync(wsUri, invoker, tokens[name], room, c);
                    lock (open) open.Add(socket);
                });
                var openSeconds = opening.Elapsed.TotalSeconds;
                await Task.Delay(TimeSpan.FromSeconds(s.SettleSeconds), ct);
                log($"{level} sockets in {room} (opened in {openSeconds:F1} s); {s.Warmup} warm-up and {s.Messages} timed messages");

                var before = open.Sum(o => (long)o.Chats);
                for (var i = 0; i < s.Warmup; i++) await OneAsync(http, room, level, () => sent++, ct);
                var (lasts, firsts, posts, timedOut) = (new List<double>(), new List<double>(), new List<double>(), 0);
                var (cpu0, client0, core0, wall) = (server.CpuTime, ProcessCpu.Of(Environment.ProcessId), ProcessCpu.Core(s.ServerCpu ?? 0), Stopwatch.StartNew());
                for (var i = 0; i < s.Messages; i++)
                {
                    var one = await OneAsync(http, room, level, () => sent++, ct);
                    if (one is not { } r) { timedOut++; continue; }
                    lasts.Add(r.Last);
                    firsts.Add(r.First);
                    posts.Add(r.Post);
                }
                var serverCpu = (server.CpuTime - cpu0) / wall.Elapsed * 100;
                var clientCpu = (ProcessCpu.Of(Environment.ProcessId) - client0) / wall.Elapsed * 100;
                // What other processes took from the server's core meanwhile: the noise of a shared machine.
                var core = ProcessCpu.Core(s.ServerCpu ?? 0);
                var others = s.ServerCpu is null ? double.NaN : ((core.Busy - core0.Busy) - (server.CpuTime - cpu0)) / (core.Total - core0.Total) * 100;
                var burst = await BurstAsync(http, room, level, s.Burst, () => sent++, ct);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                var received = open.Sum(o => (long)o.Chats) - before;
                var last = Latency.Of(lasts);
                var result = new SocketLevel(level, last, Latency.Of(firsts), Latency.Of(posts), level / (last.P50 / 1000), burst,
                    (long)level * (s.Warmup + s.Messages + s.Burst), received, open.Count(o => o.Dropped is not null), timedOut, serverCpu,
                    clientCpu, others, Rss(server.Pid), openSeconds, loadStart, Machine.LoadAverage());
                log($"{level} sockets: last delivery p50 {last.P50:F2} p99 {last.P99:F2} ms; burst {burst:N0}/s; received {received}/{result.Expected}, dropped {result.Dropped}");
                levels.Add(result);
            }
            return levels;
        }
        finally
        {
            RoomSocket.Round = null;
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (o, _) => await o.CloseAsync());
            server.Dispose();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static long _lastId;

    /// <summary>One message, timed from sending the POST to the last socket reading it; null when not every socket had it within 30 s.</summary>
    private static async Task<(double Last, double First, double Post)?> OneAsync(HttpClient http, string room, int sockets, Func<long> next, CancellationToken ct)
    {
        var round = new ChatRound(sockets, _lastId);
        Volatile.Write(ref RoomSocket.Round, round);
        var start = Stopwatch.GetTimestamp();
        _lastId = await PostAsync(http, room, next(), ct);
        var post = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        try
        {
            await round.Done.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
        return (Stopwatch.GetElapsedTime(start, round.Last).TotalMilliseconds, Stopwatch.GetElapsedTime(start, round.First).TotalMilliseconds, post);
    }

    /// <summary><paramref name="count"/> messages POSTed back to back: deliveries ÷ time from the first POST to the last delivery.</summary>
    private static async Task<double> BurstAsync(HttpClient http, string room, int sockets, int count, Func<long> next, CancellationToken ct)
    {
        var round = new ChatRound((long)sockets * count, _lastId);
        Volatile.Write(ref RoomSocket.Round, round);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++) _lastId = await PostAsync(http, room, next(), ct);
        try
        {
            await round.Done.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        catch (TimeoutException)
        {
            return double.NaN;
        }
        return round.Expected / Stopwatch.GetElapsedTime(start, round.Last).TotalSeconds;
    }

    private static async Task<long> PostAsync(HttpClient http, string room, long n, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"/api/chat/rooms/{room}/messages",
            new { text = $"Fan-out bench message {n}", requestId = Guid.NewGuid() }, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST chat: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
    }

    private static long Rss(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:"))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024).First();
}
