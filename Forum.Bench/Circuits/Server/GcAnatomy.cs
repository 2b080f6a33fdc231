using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Forum.Bench.Circuits.Server;

/// <summary>
/// Where the blocking GCs' pauses go, from the GC events of a <see cref="GcMonitor"/> session: suspending the threads,
/// each kind of root the mark phase walked (the runtime fires one GCMarkWithType event as it finishes a kind, with the
/// bytes that kind kept alive), everything after marking (plan, relocate, compact or sweep), and restarting.
/// </summary>
public sealed class GcAnatomy
{
    /// <summary>One blocking GC: its generation, the time of each step in ms, bytes marked per root kind.</summary>
    public sealed record Pause(DateTime At, int Generation, double Suspend, IReadOnlyDictionary<string, double> MarkMs,
        IReadOnlyDictionary<string, long> MarkBytes, double AfterMark, double Restart)
    {
        public double Total => Suspend + MarkMs.Values.Sum() + AfterMark + Restart;
    }

    /// <summary>The runtime's root kinds in GCMarkWithType, by number (gcinterface.h).</summary>
    private static readonly string[] RootKinds =
        ["stacks", "finalize queue", "handles", "older generations (cards)", "sized refs", "overflow", "dependent handles",
         "new finalizable", "steal", "background roots"];

    private readonly Lock _lock = new();
    private readonly List<Pause> _pauses = [];
    private double _suspendStart = double.NaN, _suspendEnd, _gcStart, _lastStep, _gcEnd = double.NaN;
    private int _gcThread = -1, _generation;
    private Dictionary<string, double> _markMs = [];
    private Dictionary<string, long> _markBytes = [];

    public GcAnatomy(ClrTraceEventParser clr)
    {
        clr.GCSuspendEEStart += e =>
        {
            if (e.Reason is GCSuspendEEReason.SuspendForGC or GCSuspendEEReason.SuspendForGCPrep) _suspendStart = e.TimeStampRelativeMSec;
        };
        clr.GCSuspendEEStop += e => _suspendEnd = e.TimeStampRelativeMSec;
        // A background GC marks on its own thread while the program runs: only the GC on the suspending thread counts.
        clr.GCStart += e =>
        {
            if (e.Type == GCType.BackgroundGC || double.IsNaN(_suspendStart)) return;
            (_gcThread, _generation, _gcStart, _lastStep, _markMs, _markBytes) = (e.ThreadID, e.Depth, e.TimeStampRelativeMSec, e.TimeStampRelativeMSec, [], []);
        };
        clr.GCMarkWithType += e =>
        {
            if (e.ThreadID != _gcThread) return;
            var kind = e.Type is >= 0 and < 10 ? RootKinds[e.Type] : $"root kind {e.Type}";
            _markMs[kind] = _markMs.GetValueOrDefault(kind) + e.TimeStampRelativeMSec - _lastStep;
            _markBytes[kind] = _markBytes.GetValueOrDefault(kind) + e.Promoted;
            _lastStep = e.TimeStampRelativeMSec;
        };
        clr.GCStop += e => { if (e.ThreadID == _gcThread) _gcEnd = e.TimeStampRelativeMSec; };
        clr.GCRestartEEStop += e =>
        {
            if (_gcThread >= 0 && !double.IsNaN(_gcEnd))
            {
                var pause = new Pause(e.TimeStamp.ToUniversalTime(), _generation, _suspendEnd - _suspendStart + (_gcStart - _suspendEnd),
                    _markMs, _markBytes, _gcEnd - _lastStep, e.TimeStampRelativeMSec - _gcEnd);
                lock (_lock) _pauses.Add(pause);
            }
            (_gcThread, _suspendStart, _gcEnd) = (-1, double.NaN, double.NaN);
        };
    }

    /// <summary>The blocking GCs that ended between two UTC times.</summary>
    public IReadOnlyList<Pause> Between(DateTime fromUtc, DateTime toUtc)
    {
        lock (_lock) return _pauses.Where(p => p.At >= fromUtc && p.At < toUtc).ToList();
    }

    /// <summary>
    /// One line per generation: how many blocking GCs, their mean pause, and the mean ms (and MB marked) of each step,
    /// largest first, e.g. "gen0 ×31, mean 24.1 ms, max 30.2: older generations (cards) 15.2 (3.1 MB), after marking 5.0, …".
    /// </summary>
    public static IEnumerable<string> Describe(IReadOnlyList<Pause> pauses) =>
        pauses.GroupBy(p => p.Generation).OrderBy(g => g.Key).Select(g =>
        {
            var n = g.Count();
            var steps = g.SelectMany(p => p.MarkMs).GroupBy(m => m.Key)
                .Select(m => (Name: m.Key, Ms: m.Sum(x => x.Value) / n, Mb: g.Sum(p => p.MarkBytes.GetValueOrDefault(m.Key)) / n / 1048576.0))
                .Append(("after marking", g.Average(p => p.AfterMark), double.NaN))
                .Append(("suspend", g.Average(p => p.Suspend), double.NaN))
                .Append(("restart", g.Average(p => p.Restart), double.NaN))
                .OrderByDescending(s => s.Item2)
                .Select(s => double.IsNaN(s.Item3) ? $"{s.Item1} {s.Item2:F1}" : $"{s.Item1} {s.Item2:F1} ({s.Item3:F1} MB)");
            return $"gen{g.Key} ×{n}, mean {g.Average(p => p.Total):F1} ms, max {g.Max(p => p.Total):F1}: {string.Join(", ", steps)}";
        });
}
