using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Forum.Bench.Circuits.Server;

/// <summary>The managed heap after a full GC: its size (generation sizes, free space included) and the live bytes it kept.</summary>
public sealed record HeapAfterGc(long HeapBytes, long LiveBytes);

/// <summary>GC counts and pauses over an interval, from the runtime's own GC events.</summary>
public sealed record GcFigures(int Gen0, int Gen1, int Gen2, double MaxPauseMs, double TotalPauseMs, double AllocatedMb = 0);

/// <summary>
/// Watches the server's GCs through an EventPipe session (Microsoft.Diagnostics.NETCore.Client, the runtime's GC
/// keyword at Informational level: a handful of events per GC, no stacks, no rundown) and forces full GCs the way
/// dotnet-gcdump does: a session that enables the GCHeapCollect keyword makes the runtime run one blocking gen2 GC.
/// </summary>
public sealed class GcMonitor : IDisposable
{
    private const string Runtime = "Microsoft-Windows-DotNETRuntime";
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly Lock _lock = new();
    private readonly List<(DateTime At, int Generation)> _gcs = [];
    private readonly List<(DateTime At, double Ms)> _pauses = [];
    private readonly List<(DateTime At, long Bytes)> _allocations = [];
    private double _suspendedAt = double.NaN;

    public GcMonitor(int pid)
    {
        _session = new DiagnosticsClient(pid).StartEventPipeSession(
            // Verbose adds the allocation tick (one event per ~100 KB allocated): GCs per MB allocated, not only per second.
            [new EventPipeProvider(Runtime, EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GC)], requestRundown: false);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Clr.GCAllocationTick += e => { lock (_lock) _allocations.Add((e.TimeStamp.ToUniversalTime(), e.AllocationAmount64)); };
        _source.Clr.GCStart += e => { lock (_lock) _gcs.Add((e.TimeStamp.ToUniversalTime(), e.Depth)); };
        _source.Clr.GCSuspendEEStart += e =>
        {
            if (e.Reason is GCSuspendEEReason.SuspendForGC or GCSuspendEEReason.SuspendForGCPrep) _suspendedAt = e.TimeStampRelativeMSec;
        };
        _source.Clr.GCRestartEEStop += e =>
        {
            if (double.IsNaN(_suspendedAt)) return;
            lock (_lock) _pauses.Add((e.TimeStamp.ToUniversalTime(), e.TimeStampRelativeMSec - _suspendedAt));
            _suspendedAt = double.NaN;
        };
        Anatomy = new GcAnatomy(_source.Clr);
        _processing = Task.Run(() => _source.Process());
    }

    /// <summary>Where each blocking GC's pause went.</summary>
    public GcAnatomy Anatomy { get; }

    /// <summary>GCs that started, and pauses that ended, between two UTC times. Events arrive up to ~1 s late: ask after a pause.</summary>
    public GcFigures Between(DateTime fromUtc, DateTime toUtc)
    {
        lock (_lock)
        {
            var gcs = _gcs.Where(g => g.At >= fromUtc && g.At < toUtc).ToList();
            var pauses = _pauses.Where(p => p.At >= fromUtc && p.At < toUtc).Select(p => p.Ms).ToList();
            var allocated = _allocations.Where(a => a.At >= fromUtc && a.At < toUtc).Sum(a => a.Bytes);
            return new GcFigures(gcs.Count(g => g.Generation == 0), gcs.Count(g => g.Generation == 1), gcs.Count(g => g.Generation == 2),
                pauses.Count == 0 ? 0 : pauses.Max(), pauses.Sum(), allocated / 1048576.0);
        }
    }

    /// <summary>
    /// Whether a GC pause of the server overlapped the interval between two Stopwatch timestamps of this process
    /// (same machine, so Stopwatch and the event times share one clock once mapped to UTC).
    /// </summary>
    public bool PausedBetween(long fromTimestamp, long toTimestamp)
    {
        var (from, to) = (ToUtc(fromTimestamp), ToUtc(toTimestamp));
        lock (_lock) return _pauses.Any(p => p.At > from && p.At.AddMilliseconds(-p.Ms) < to);
    }

    private readonly DateTime _anchorUtc = DateTime.UtcNow;
    private readonly long _anchorTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();

    private DateTime ToUtc(long timestamp) => _anchorUtc + System.Diagnostics.Stopwatch.GetElapsedTime(_anchorTimestamp, timestamp);

    /// <summary>
    /// Makes the server run a full blocking gen2 GC and returns its heap right after it (the GCHeapStats event of that
    /// GC). The runtime decides whether that GC compacts; <see cref="HeapAfterGc.LiveBytes"/> (promoted bytes of
    /// every generation) is what a compacting GC would leave either way.
    /// </summary>
    public static async Task<HeapAfterGc> ForceFullGcAsync(int pid, CancellationToken ct)
    {
        var keywords = ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect;
        using var session = new DiagnosticsClient(pid).StartEventPipeSession(
            [new EventPipeProvider(Runtime, EventLevel.Informational, (long)keywords)], requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var done = new TaskCompletionSource<HeapAfterGc>(TaskCreationOptions.RunContinuationsAsynchronously);
        var induced = false;
        source.Clr.GCStart += e => induced |= e.Depth == 2 && e.Reason == GCReason.Induced;
        source.Clr.GCHeapStats += e =>
        {
            if (!induced) return;
            done.TrySetResult(new HeapAfterGc(
                e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4,
                e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2 + e.TotalPromotedSize3 + e.TotalPromotedSize4));
        };
        var processing = Task.Run(() => source.Process());
        try
        {
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        finally
        {
            session.Stop();
            await processing.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { });
        }
    }

    public void Dispose()
    {
        // The server may already be gone; its stream then ends mid-block, which is no news at this point.
        try { _session.Stop(); } catch (Exception e) when (e is ServerNotAvailableException or EndOfStreamException or IOException) { }
        try { _processing.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
        _source.Dispose();
        _session.Dispose();
    }
}
