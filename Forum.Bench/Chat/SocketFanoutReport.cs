using System.Globalization;
using System.Text;
using Forum.Bench.Circuits.Run;

namespace Forum.Bench.Chat;

/// <summary>The "chat-sockets" section of docs/BENCHMARKS.md: one chat message to a room of real /ws subscribers.</summary>
public static class SocketFanoutReport
{
    public const double TargetP99Ms = 50;
    public const int TargetSockets = 1_000;

    public static string Render(IReadOnlyList<SocketLevel> levels, SocketFanoutSettings s, string command, string loadStart, TimeSpan elapsed,
        string pinning, string commit)
    {
        var sb = new StringBuilder();
        void L(string line = "") => sb.AppendLine(line);
        string F(double v, string f = "F1") => double.IsNaN(v) ? "–" : v.ToString(f, CultureInfo.InvariantCulture);

        L("## Chat: fan-out to WebSocket subscribers");
        L();
        L($"Command: `{command}` ({elapsed.TotalMinutes:F1} min, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {commit}).");
        L($"Machine: {Machine.Describe()}. CPUs: {pinning}. Load average (`uptime`, 1/5/15 min) at start → end: {loadStart} → {Machine.LoadAverage()}.");
        L();
        L("| sockets in the room | sent by | sent → last socket has it, p50 / p99 / max | → first socket, p50 | the POST's own round trip p50 / p99 | deliveries/s (one message, p50) | deliveries/s (burst) | received of | dropped | timed out | CPU while measuring: server / clients / rest of the server's core | server RSS | joins took | load avg start → end |");
        L("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var l in levels)
            L($"| {l.Sockets:N0} | {l.Via} | {F(l.LastDelivery.P50, "F2")} / {F(l.LastDelivery.P99, "F2")} / {F(l.LastDelivery.Max)} ms | {F(l.FirstDelivery.P50, "F2")} ms " +
              $"| {F(l.Post.P50, "F2")} / {F(l.Post.P99, "F2")} ms | {F(l.PerMessagePerSecond, "N0")} | {F(l.BurstPerSecond, "N0")} | {l.Received:N0} of {l.Expected:N0} " +
              $"| {l.Dropped} | {l.TimedOut} | {F(l.ServerCpuPercent, "F0")} / {F(l.ClientCpuPercent, "F0")} / {F(l.OthersOnServerCpuPercent, "F0")} % | {F(l.RssBytes / 1024.0 / 1024.0, "F0")} MB | {F(l.OpenSeconds)} s | {l.LoadStart} → {l.LoadEnd} |");
        L();
        foreach (var l in levels.Where(l => l.Sockets == TargetSockets))
            L($"- Target, {TargetSockets:N0} WebSocket subscribers, p99 ≤ {TargetP99Ms:0} ms, sent by {l.Via}: " +
              $"{(l.LastDelivery.P99 <= TargetP99Ms ? "**met**" : "**NOT met**")} ({F(l.LastDelivery.P99, "F2")} ms).");
        L();
        L($"- One server process (`dotnet Forum.App.dll`, Release, Production). Each level adds sockets to the same movie room: real `ClientWebSocket`s " +
          $"on loopback, each authenticated with a bearer token and joined (its `history` read), {s.OpenConcurrency} opened at a time, {s.SettleSeconds} s to settle. " +
          $"The sockets belong to {s.Members} members in turn (a member's sockets are separate listeners of the room's fan-out, as different members' " +
          "are; presence counts a member once, so the joins are not a storm of `joined` frames to every socket).");
        L($"- One more member (not in the room) sends each message, in turn as a `/ws` `chat` event `{{\"room\", \"text\", \"requestId\"}}` from a socket " +
          "of their own and as `POST /api/chat/rooms/{room}/messages` (which goes first alternates, so both meet the same moments of the machine's load), " +
          "timed from the send to the moment the last (and the first) subscriber's socket has read the `chat` frame; the next goes once every socket has " +
          $"the last. {s.Warmup} warm-up messages each, then {s.Messages} timed each. Deliveries/s for one message: sockets ÷ the p50. " +
          $"Burst: {s.Burst} messages sent back to back, deliveries ÷ time from the first send to the last delivery. " +
          "CPU, RSS, frames received and drops are per level (both senders together).");
        L("- The server serializes each message once per room and offers the same bytes to every joined socket's bounded send queue " +
          "(`ChatFanout`); the writer does not wait for the sockets. The clients' side (one core reading every socket) is inside every figure: " +
          "the last socket's delivery includes its wait for the client process to get to it.");
        L("- CPU: the server's and the client process's own CPU time over the timed messages (100 % = one core), and the busy time of the " +
          "server's core that was not the server's (other processes on a shared machine, and kernel network work on its behalf).");
        L("- Flood rules raised for the sender (`Forum__Chat__MessagesPerWindow`, `Forum__Realtime__MessagesPerSecond`), as the live bench raises " +
          "the API's write limit: one member sending hundreds of messages a minute is the load, not a rule being tested.");
        return sb.ToString();
    }
}
