using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Forum.Bench.Heap;

/// <summary>
/// What the server allocates while something runs: the runtime's AllocationTick events (one per ~100 KB allocated,
/// with the type and the stack of the allocation that crossed the mark), summed by type and by method on the stack.
/// </summary>
public static class AllocProfile
{
    public static Task<string> RecordAsync(int pid, string path, Func<Task> work, CancellationToken ct) => CpuProfile.RecordAsync(pid, path, work, ct,
    [
        new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose,
            (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader |
                   ClrTraceEventParser.Keywords.JittedMethodILToNativeMap)),
    ]);

    /// <param name="per">What the totals are divided by (the comments posted), so the report reads "bytes per comment".</param>
    /// <param name="under">Only allocations with this method on the stack; their most common stacks are listed too.</param>
    public static string Report(string nettrace, int top, int per, string? under = null)
    {
        var stacks = new Dictionary<string, long>();
        using var log = CpuProfile.Open(nettrace);
        var byType = new Dictionary<string, long>();
        var inclusive = new Dictionary<string, long>();
        long total = 0;
        foreach (var e in log.Events)
        {
            if (e.EventName != "GC/AllocationTick") continue;
            var amount = Convert.ToInt64(e.PayloadByName("AllocationAmount64") ?? e.PayloadByName("AllocationAmount"), CultureInfo.InvariantCulture);
            var type = e.PayloadByName("TypeName")?.ToString() ?? "?";
            if (under is not null)
            {
                if (CpuProfile.PathFrom(e.CallStack(), under) is not { } path) continue;
                stacks[path] = stacks.GetValueOrDefault(path) + amount;
            }
            total += amount;
            byType[type] = byType.GetValueOrDefault(type) + amount;
            var seen = new HashSet<string>();
            for (var frame = e.CallStack(); frame is not null; frame = frame.Caller)
            {
                var name = frame.CodeAddress.FullMethodName;
                if (string.IsNullOrEmpty(name) || !seen.Add(name)) continue;
                inclusive[name] = inclusive.GetValueOrDefault(name) + amount;
            }
        }
        string Kb(long bytes) => (bytes / 1024.0 / Math.Max(1, per)).ToString("N1", CultureInfo.InvariantCulture).PadLeft(8);
        var sb = new StringBuilder($"{total / 1024.0 / 1024.0:N1} MB allocated (sampled every ~100 KB), {Kb(total).Trim()} KB per unit of {per}\n\nBy type (KB per unit):\n");
        foreach (var (name, n) in byType.OrderByDescending(p => p.Value).Take(top)) sb.AppendLine($"{Kb(n)}  {name}");
        sb.AppendLine("\nBy method on the stack, inclusive (KB per unit):");
        foreach (var (name, n) in inclusive.OrderByDescending(p => p.Value).Take(top * 8))
            sb.AppendLine($"{Kb(n)}  {(name.Length > 170 ? name[..170] : name)}");
        foreach (var (path, n) in stacks.OrderByDescending(p => p.Value).Take(12)) sb.AppendLine($"\n{Kb(n)} KB per unit under:\n      {path}");
        return sb.ToString();
    }
}
