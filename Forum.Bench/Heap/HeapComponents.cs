using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.Runtime;

namespace Forum.Bench.Heap;

/// <summary>
/// The render buffers of every live component in a dump, by component type: a component keeps two render trees
/// (the current one and the previous one, reused for the next diff), each an array of 40-byte frames whose length is a
/// power of two from 32 up. Shows which components hold the frames, and how full their arrays are.
/// </summary>
public static class HeapComponents
{
    public static string Render(string dumpPath, int circuits)
    {
        using var dump = new DumpRuntime(dumpPath);
        var rows = new Dictionary<string, (int Count, long Frames, long Capacity, long Bytes, int Snapshots)>();
        foreach (var obj in dump.Heap.EnumerateObjects())
        {
            if (obj.Type?.Name is not { } name || !name.EndsWith("ComponentState", StringComparison.Ordinal)) continue;
            if (obj.Type.GetFieldByName("<Component>k__BackingField") is null) continue;
            var component = obj.ReadObjectField("<Component>k__BackingField");
            var type = HeapSummary.Short(component.Type?.Name ?? "?");
            var (frames, capacity, bytes) = (0L, 0L, 0L);
            foreach (var field in new[] { "<CurrentRenderTree>k__BackingField", "_nextRenderTree" })
            {
                var tree = obj.ReadObjectField(field);
                if (tree.IsNull) continue;
                var items = tree.ReadObjectField("_entries").ReadObjectField("_items");
                if (items.IsNull || !items.IsArray) continue;
                capacity += items.AsArray().Length;
                bytes += (long)items.Size;
                if (field.StartsWith("<Current", StringComparison.Ordinal)) frames += tree.ReadObjectField("_entries").ReadField<int>("_itemsInUse");
            }
            var snapshot = obj.ReadObjectField("_latestDirectParametersSnapshot");
            var row = rows.GetValueOrDefault(type);
            rows[type] = (row.Count + 1, row.Frames + frames, row.Capacity + capacity, row.Bytes + bytes, row.Snapshots + (snapshot.IsNull ? 0 : 1));
        }
        var sb = new StringBuilder("| component | per circuit | frames in use (avg) | frame capacity, both trees (avg) | KB of frame arrays / circuit | parameter snapshots / circuit |\n|---|---:|---:|---:|---:|---:|\n");
        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        foreach (var (type, r) in rows.OrderByDescending(r => r.Value.Bytes))
            sb.AppendLine($"| `{type}` | {F(r.Count / (double)circuits)} | {F(r.Frames / (double)r.Count)} | {F(r.Capacity / (double)r.Count)} | {F(r.Bytes / 1024.0 / circuits)} | {F(r.Snapshots / (double)circuits)} |");
        return sb.ToString();
    }
}
