using System.Text;

namespace Forum.Bench.Heap;

/// <summary>
/// Who holds a type: for every live object whose short type name is <c>type</c>, the types that reference it and the
/// types of its immediate dominators, counted. Answers "why is this not freed with its circuit?".
/// </summary>
public static class HeapWho
{
    public static string Render(HeapGraph g, Dominators d, string type)
    {
        var names = g.TypeNames.Select(HeapSummary.Short).ToArray();
        var referrers = new Dictionary<string, int>();
        var dominators = new Dictionary<string, int>();
        var targets = new HashSet<int>();
        for (var v = 0; v < g.Root; v++)
            if (d.Idom[v] >= 0 && names[g.Type[v]] == type) targets.Add(v);
        for (var v = 0; v <= g.Root; v++)
            foreach (var w in g.Successors(v))
                if (targets.Contains(w)) referrers[names[g.Type[v]]] = referrers.GetValueOrDefault(names[g.Type[v]]) + 1;
        foreach (var v in targets)
        {
            var chain = new List<string>();
            for (var up = d.Idom[v]; chain.Count < 6; up = d.Idom[up])
            {
                chain.Add(names[g.Type[up]]);
                if (up == g.Root) break;
            }
            var key = string.Join(" < ", chain);
            dominators[key] = dominators.GetValueOrDefault(key) + 1;
        }
        var sb = new StringBuilder($"{targets.Count} live {type}\nsizes (bytes × objects):");
        foreach (var size in targets.GroupBy(v => g.Size[v]).OrderBy(s => s.Key)) sb.Append($" {size.Key}×{size.Count()}");
        sb.AppendLine("\nreferenced by:");
        foreach (var (k, n) in referrers.OrderByDescending(p => p.Value).Take(20)) sb.AppendLine($"  {n,7}  {k}");
        sb.AppendLine("dominated by (nearest first):");
        foreach (var (k, n) in dominators.OrderByDescending(p => p.Value).Take(20)) sb.AppendLine($"  {n,7}  {k}");
        return sb.ToString();
    }
}
