using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Forum.Bench.Heap;

/// <summary>
/// Where the server's CPU goes while something runs: EventPipe's sample profiler (every managed thread, once a
/// millisecond) with the runtime's rundown for method names, written to a .nettrace file and folded into inclusive
/// and exclusive sample counts per method. Only samples of threads running managed code count (waits are excluded).
/// </summary>
public static class CpuProfile
{
    public static Task<string> RecordAsync(int pid, string path, Func<Task> work, CancellationToken ct) => RecordAsync(pid, path, work, ct,
    [
        new EventPipeProvider("Microsoft-DotNETCore-SampleProfiler", EventLevel.Informational),
        new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
            (long)(ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.JittedMethodILToNativeMap)),
    ]);

    /// <summary>An EventPipe session on <paramref name="pid"/> with the runtime's rundown (method names), written to a .nettrace file while work runs.</summary>
    public static async Task<string> RecordAsync(int pid, string path, Func<Task> work, CancellationToken ct, EventPipeProvider[] providers)
    {
        using var session = new DiagnosticsClient(pid).StartEventPipeSession(providers, requestRundown: true);
        var copy = Task.Run(async () =>
        {
            await using var file = File.Create(path);
            await session.EventStream.CopyToAsync(file, ct);
        }, ct);
        await work();
        await session.StopAsync(ct);
        await copy;
        // A report reads the .etlx beside the trace when there is one: it must be this trace's.
        File.Delete(path + ".etlx");
        return path;
    }

    // Threads the profiler reports as in managed code while they wait: for a lock, a GC, the thread pool's semaphore.
    private static readonly string[] Waits = ["LowLevelLifoSemaphore.Wait", "PollGC", "Monitor.Enter_Slowpath", "Monitor.Wait", "WaitHandle.Wait", "WorkerThreadStart", "Lock.TryEnterSlow"];

    public static string Report(string nettrace, int top, string? callersOf = null)
    {
        var callers = new Dictionary<string, int>();
        var waits = 0;
        using var log = Open(nettrace);
        var inclusive = new Dictionary<string, int>();
        var exclusive = new Dictionary<string, int>();
        var samples = 0;
        foreach (var e in log.Events)
        {
            if (e.ProviderName != "Microsoft-DotNETCore-SampleProfiler" || e.PayloadByName("Type")?.ToString() != "Managed") continue;
            var stack = e.CallStack();
            if (stack is null) continue;
            if (Waits.Any(w => stack.CodeAddress.FullMethodName.Contains(w, StringComparison.Ordinal)) || stack.CodeAddress.FullMethodName.Length == 0)
            {
                waits++;
                continue;
            }
            // "--callers >Name": only the samples under Name, to see where its own time goes.
            if (callersOf is ['>', .. var under] && !OnStack(stack, under)) continue;
            samples++;
            if (callersOf is not null && callersOf[0] != '>' && PathFrom(stack, callersOf) is { } path)
                callers[path] = callers.GetValueOrDefault(path) + 1;
            var seen = new HashSet<string>();
            var first = true;
            for (var frame = stack; frame is not null; frame = frame.Caller)
            {
                var name = frame.CodeAddress.FullMethodName;
                if (string.IsNullOrEmpty(name)) name = frame.CodeAddress.ModuleName + "!?";
                if (first) exclusive[name] = exclusive.GetValueOrDefault(name) + 1;
                first = false;
                if (seen.Add(name)) inclusive[name] = inclusive.GetValueOrDefault(name) + 1;
            }
        }
        var sb = new StringBuilder($"{samples} samples of managed code running (1 ms each; {waits} more were threads waiting)\n");
        foreach (var (path, n) in callers.OrderByDescending(p => p.Value).Take(12)) sb.AppendLine($"\n{n} samples:\n      {path}");
        sb.AppendLine("\nInclusive:");
        string P(int n) => (100.0 * n / Math.Max(1, samples)).ToString("F1", CultureInfo.InvariantCulture).PadLeft(5);
        foreach (var (name, n) in inclusive.OrderByDescending(p => p.Value).Take(top)) sb.AppendLine($"{P(n)} %  {Trim(name)}");
        sb.AppendLine("\nExclusive:");
        foreach (var (name, n) in exclusive.OrderByDescending(p => p.Value).Take(top)) sb.AppendLine($"{P(n)} %  {Trim(name)}");
        return sb.ToString();
    }

    /// <summary>The trace's .etlx (made beside it on first read, reused after), for a report.</summary>
    public static TraceLog Open(string nettrace) =>
        new(File.Exists(nettrace + ".etlx") ? nettrace + ".etlx" : TraceLog.CreateFromEventPipeDataFile(nettrace));

    /// <summary>The stack from the first frame whose name holds <paramref name="name"/> up to its callers (12 frames), or null.</summary>
    public static string? PathFrom(TraceCallStack? stack, string name)
    {
        var names = new List<string>();
        for (var f = stack; f is not null; f = f.Caller) names.Add(f.CodeAddress.FullMethodName ?? "?");
        var at = names.FindIndex(n => n.Contains(name, StringComparison.Ordinal));
        return at < 0 ? null : string.Join("\n      < ", names.Skip(at).Take(12).Select(n => Trim(n)[..Math.Min(120, Trim(n).Length)]));
    }

    private static bool OnStack(Microsoft.Diagnostics.Tracing.Etlx.TraceCallStack? frame, string name)
    {
        for (; frame is not null; frame = frame.Caller)
            if (frame.CodeAddress.FullMethodName.Contains(name, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string Trim(string name) => name.Length > 160 ? name[..160] : name;
}
