using System.Diagnostics;
using System.Net.Http.Headers;
using Forum.Bench.Circuits.Run;
using Forum.Bench.Circuits.Server;
using Forum.Bench.Live;

namespace Forum.Bench.Chat;

public sealed record SocketFanoutSettings(
    IReadOnlyList<int> Levels, int Members, int Messages, int Warmup, int Burst, int SettleSeconds, int OpenConcurrency, int? ServerCpu);

/// <param name="LastDelivery">Sent → the last subscriber's socket read the <c>chat</c> frame (ms).</param>
/// <param name="FirstDelivery">Sent → the first subscriber's socket read it.</param>
/// <param name="Post">The sender's POST round trip (validation, the SQLite commit, the publish); none for /ws.</param>
/// <param name="BurstPerSecond">Deliveries per second while <see cref="SocketFanoutSettings.Burst"/> messages are sent back to back.</param>
/// <param name="Via">How the message was sent: a /ws <c>chat</c> event or the REST POST.</param>
public sealed record SocketLevel(
    int Sockets, string Via, Latency LastDelivery, Latency FirstDelivery, Latency Post, double PerMessagePerSecond, double BurstPerSecond,
    long Expected, long Received, int Dropped, int TimedOut, double ServerCpuPercent, double ClientCpuPercent, double OthersOnServerCpuPercent,
    long RssBytes, double OpenSeconds, string LoadStart, string LoadEnd);

/// <summary>
/// One server process; sockets join one movie room level by level (100, then 1,000, then 5,000 in all), spread over a
/// few members (a member's sockets are listeners of their own in the room's fan-out, exactly as many members' are, but
/// presence announces each member once, not each socket: 5,000 distinct members would make the joins a 12.5-million-frame
/// storm of <c>joined</c> before anything is measured). At each level a sender member POSTs messages to the room one at
/// a time, each once every socket has the previous one, over /ws and through the REST POST in turn, then a burst back to back.
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
                ["Forum__Realtime__MessagesPerSecond"] = "10000",
                ["Forum__Api__RateLimits__WritesPerMember"] = "100000",
            },
        };
        IReadOnlyDictionary<string, string> tokens;
        await using (var mint = new TokenMint(dataDir, key)) tokens = await mint.IssueAsync(accounts.Members.Select(m => m.UserName), ct);
        var (subscribers, writer) = (accounts.Members.Take(s.Members).ToList(), accounts.Members[^1]);
        var room = $"movie-{accounts.Members[0].PostId}";

        using var server = await ServerProcess.StartAsync(spec, s.ServerCpu, Path.GetDirectoryName(dataDir)!, ct);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) }) { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[writer.UserName]);
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        var wsUri = new UriBuilder(server.BaseUri) { Scheme = "ws", Path = "/ws" }.Uri;
        var open = new List<RoomSocket>();
        var sent = 0L;
        await using var socketSender = await SocketSender.OpenAsync(wsUri, invoker, tokens[writer.UserName], ct);
        var senders = new List<IChatSender> { socketSender, new RestSender(http) };
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
                for (var i = 0; i < s.Warmup; i++)
                    foreach (var sender in senders) await OneAsync(sender, room, level, $"Warm-up {sent++}", ct);
                // The senders take turns (which goes first alternates), so each meets the same moments of the machine's load.
                var samples = senders.ToDictionary(x => x.Via, _ => (Last: new List<double>(), First: new List<double>(), Call: new List<double>(), TimedOut: 0));
                var (cpu0, client0, core0, wall) = (server.CpuTime, ProcessCpu.Of(Environment.ProcessId), ProcessCpu.Core(s.ServerCpu ?? 0), Stopwatch.StartNew());
                for (var i = 0; i < s.Messages; i++)
                {
                    for (var k = 0; k < senders.Count; k++)
                    {
                        var sender = senders[(i + k) % senders.Count];
                        var one = await OneAsync(sender, room, level, $"Fan-out bench message {sent++}", ct);
                        var into = samples[sender.Via];
                        if (one is not { } r) { samples[sender.Via] = into with { TimedOut = into.TimedOut + 1 }; continue; }
                        into.Last.Add(r.Last);
                        into.First.Add(r.First);
                        if (r.Call is { } call) into.Call.Add(call);
                    }
                }
                var serverCpu = (server.CpuTime - cpu0) / wall.Elapsed * 100;
                var clientCpu = (ProcessCpu.Of(Environment.ProcessId) - client0) / wall.Elapsed * 100;
                // What other processes took from the server's core meanwhile: the noise of a shared machine.
                var core = ProcessCpu.Core(s.ServerCpu ?? 0);
                var others = s.ServerCpu is null ? double.NaN : ((core.Busy - core0.Busy) - (server.CpuTime - cpu0)) / (core.Total - core0.Total) * 100;
                var bursts = new Dictionary<string, double>();
                foreach (var sender in senders) bursts[sender.Via] = await BurstAsync(sender, room, level, s.Burst, () => sent++, ct);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                var received = open.Sum(o => (long)o.Chats) - before;
                var expected = (long)level * senders.Count * (s.Warmup + s.Messages + s.Burst);
                var (dropped, rss, loadEnd) = (open.Count(o => o.Dropped is not null), Rss(server.Pid), Machine.LoadAverage());
                foreach (var sender in senders)
                {
                    var m = samples[sender.Via];
                    var last = Latency.Of(m.Last);
                    levels.Add(new SocketLevel(level, sender.Via, last, Latency.Of(m.First), Latency.Of(m.Call), level / (last.P50 / 1000), bursts[sender.Via],
                        expected, received, dropped, m.TimedOut, serverCpu, clientCpu, others, rss, openSeconds, loadStart, loadEnd));
                    log($"{level} sockets, {sender.Via}: last delivery p50 {last.P50:F2} p99 {last.P99:F2} ms; burst {bursts[sender.Via]:N0}/s");
                }
                log($"{level} sockets: received {received}/{expected}, dropped {dropped}");
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

    /// <summary>One message, timed from the send to the last socket reading it; null when not every socket had it within 30 s.</summary>
    private static async Task<(double Last, double First, double? Call)?> OneAsync(IChatSender sender, string room, int sockets, string text, CancellationToken ct)
    {
        var round = new ChatRound(sockets, Interlocked.Read(ref RoomSocket.MaxSeenId));
        Volatile.Write(ref RoomSocket.Round, round);
        var start = Stopwatch.GetTimestamp();
        var call = await sender.SendAsync(room, text, ct);
        try
        {
            await round.Done.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
        return (Stopwatch.GetElapsedTime(start, round.Last).TotalMilliseconds, Stopwatch.GetElapsedTime(start, round.First).TotalMilliseconds, call);
    }

    /// <summary><paramref name="count"/> messages sent back to back: deliveries ÷ time from the first send to the last delivery.</summary>
    private static async Task<double> BurstAsync(IChatSender sender, string room, int sockets, int count, Func<long> next, CancellationToken ct)
    {
        var round = new ChatRound((long)sockets * count, Interlocked.Read(ref RoomSocket.MaxSeenId));
        Volatile.Write(ref RoomSocket.Round, round);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++) await sender.SendAsync(room, $"Burst message {next()}", ct);
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

    private static long Rss(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:"))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024).First();
}
