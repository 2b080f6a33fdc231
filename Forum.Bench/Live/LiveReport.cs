using System.Globalization;
using System.Text;
using Forum.Bench.Circuits.Run;

namespace Forum.Bench.Live;

/// <summary>The live-transport section of docs/BENCHMARKS.md.</summary>
public static class LiveReport
{
    public static string Render(LiveResult r, LiveSettings s, string command, string loadStart, TimeSpan elapsed, string pinning, string commit)
    {
        var sb = new StringBuilder();
        void L(string line = "") => sb.AppendLine(line);
        string F(double v, string f = "F1") => double.IsNaN(v) ? "–" : v.ToString(f, CultureInfo.InvariantCulture);
        // Below a hundred sockets the difference is within the heap's own noise (pools, caches, the JIT's allocations).
        string Kb(long bytes, int sockets) => sockets < 100 ? "–" : F(bytes / 1024.0 / sockets);

        L("## Live events: /ws under load");
        L();
        L($"Command: `{command}` ({elapsed.TotalMinutes:F1} min, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {commit}).");
        L($"Machine: {Machine.Describe()}. CPUs: {pinning}. Load average (1/5/15 min) at start → end: {loadStart} → {Machine.LoadAverage()}.");
        L($"Baseline before any socket (after warm-up, forced full GC): {F(r.Baseline.LiveBytes / 1024.0 / 1024.0)} MB live, RSS {F(r.BaselineRss / 1024.0 / 1024.0, "F0")} MB.");
        L();
        L("| open sockets | live heap / socket | RSS / socket | open: server CPU / socket | comment → message p50 / p99 / max | p99 without a server GC pause | POST round trip p50 / p99 | messages / notifications received of | dropped | server CPU while measuring | GCs 0/1/2, max pause | load avg start → end |");
        L("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var l in r.Levels)
            L($"| {l.Sockets:N0} | {Kb(l.Heap.LiveBytes - r.Baseline.LiveBytes, l.Sockets)} KB | {Kb(l.RssBytes - r.BaselineRss, l.Sockets)} KB | {F(l.OpenCpuMsPerSocket, "F2")} ms " +
              $"| {F(l.Event.P50, "F2")} / {F(l.Event.P99, "F2")} / {F(l.Event.Max)} ms | {F(l.EventWithoutGc.P99, "F2")} ms ({l.EventWithoutGc.Count}) " +
              $"| {F(l.Post.P50, "F2")} / {F(l.Post.P99, "F2")} ms | {l.Messages} / {l.Notifications} of {l.Expected} | {l.Dropped} | {F(l.ServerCpuPercent, "F0")} % " +
              $"| {l.Gc.Gen0}/{l.Gc.Gen1}/{l.Gc.Gen2}, {F(l.Gc.MaxPauseMs)} ms | {l.LoadStart} → {l.LoadEnd} |");
        L();
        L($"- Each level adds sockets to the same server process (`dotnet Forum.App.dll`, Release, Production, Server GC), each socket a different member " +
          $"with its own bearer token, authenticated (`auth is ok` read) and idle but for the heartbeat. Sockets opened {s.OpenConcurrency} at a time; " +
          $"{s.SettleSeconds} s to settle before the heap is read.");
        L("- Live heap / socket: the server's live bytes after a forced full GC (an EventPipe GCHeapCollect, as dotnet-gcdump does) at that level, less the " +
          "live bytes before the first socket, divided by the sockets open. RSS / socket is the same difference of VmRSS (it also holds GC heap not returned to the OS).");
        L($"- Latency: {s.Comments} comments per level, one at a time, each POSTed through `/api/posts/{{id}}/comments` by one writer member on the post of a " +
          "randomly chosen open socket's member; measured from sending the POST to that socket reading its `message` frame (so it includes the HTTP " +
          "request, validation and the SQLite commit). Every comment must arrive as one `notification` and one `message` on exactly that socket: the " +
          $"counts above are all frames received. {s.WarmupComments} warm-up comments on 50 sockets come first and are not counted.");
        return sb.ToString();
    }
}
