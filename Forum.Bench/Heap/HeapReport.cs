using System.Globalization;
using System.Text;

namespace Forum.Bench.Heap;

/// <summary>Heap summaries per circuit as Markdown: the difference by type (a table) and by retaining path (a tree).</summary>
public static class HeapReport
{
    public static string Types(HeapSummary before, HeapSummary after, int circuits, string label, int types)
    {
        var sb = new StringBuilder();
        string Kb(double bytes) => HeapReport.Kb(bytes, circuits);
        string Per(double count) => HeapReport.Per(count, circuits);
        sb.AppendLine($"### Heap per circuit: {label}, {circuits} circuits");
        sb.AppendLine();
        sb.AppendLine($"Live bytes (reachable objects in the dumps): {Kb(after.TotalBytes - before.TotalBytes)} KB per circuit.");
        sb.AppendLine();
        sb.AppendLine("| type | objects / circuit | KB / circuit (shallow) |");
        sb.AppendLine("|---|---:|---:|");
        foreach (var (name, count, bytes) in Diff(before.ByType, after.ByType).OrderByDescending(d => d.Bytes).Take(types))
            sb.AppendLine($"| `{name}` | {Per(count)} | {Kb(bytes)} |");

        return sb.ToString();
    }

    /// <summary>A folded dominator tree (after − before, or one summary alone), nodes of at least minKb per circuit.</summary>
    public static string Tree(HeapSummary? before, HeapSummary after, int circuits, double minKb)
    {
        var sb = new StringBuilder("```\n");
        var diff = Diff(before?.ByPath ?? [], after.ByPath).ToDictionary(d => d.Key, d => (d.Count, d.Bytes));
        var children = diff.Keys.GroupBy(Parent).ToDictionary(g => g.Key, g => g.ToList());
        void Walk(string parent, int depth)
        {
            if (!children.TryGetValue(parent, out var list)) return;
            foreach (var path in list.OrderByDescending(p => diff[p].Bytes))
            {
                var (count, bytes) = diff[path];
                if (bytes / 1024.0 / circuits < minKb) continue;
                var name = path[(path.LastIndexOf(HeapSummary.Separator, StringComparison.Ordinal) is var i and >= 0 ? i + HeapSummary.Separator.Length : 0)..];
                sb.AppendLine($"{Kb(bytes, circuits),7} KB {Per(count, circuits),6}×  {new string(' ', depth * 2)}{name}");
                Walk(path, depth + 1);
            }
        }
        Walk("", 0);
        return sb.AppendLine("```").ToString();
    }

    private static string Kb(double bytes, int circuits) => (bytes / 1024.0 / circuits).ToString("F1", CultureInfo.InvariantCulture);

    private static string Per(double count, int circuits) =>
        (count / circuits).ToString(count / circuits >= 10 ? "F0" : "F1", CultureInfo.InvariantCulture);

    /// <summary>Types with at least one new instance per two circuits: the ones a circuit can own.</summary>
    public static HashSet<string> PerCircuitTypes(HeapSummary before, HeapSummary after, int circuits) =>
        [.. Diff(before.ByType, after.ByType).Where(d => d.Count * 2 >= circuits).Select(d => d.Key)];

    private static string Parent(string path) =>
        path.LastIndexOf(HeapSummary.Separator, StringComparison.Ordinal) is var i and >= 0 ? path[..i] : "";

    private static IEnumerable<(string Key, long Count, long Bytes)> Diff(Dictionary<string, HeapCell> before, Dictionary<string, HeapCell> after) =>
        after.Keys.Union(before.Keys).Select(k =>
        {
            var (a, b) = (after.GetValueOrDefault(k), before.GetValueOrDefault(k));
            return (k, (a?.Count ?? 0) - (b?.Count ?? 0), (a?.Bytes ?? 0) - (b?.Bytes ?? 0));
        });
}
