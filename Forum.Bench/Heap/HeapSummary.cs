using System.Text.RegularExpressions;

namespace Forum.Bench.Heap;

/// <summary>Live objects and bytes under one key (a type, or a path in the dominator tree).</summary>
public sealed record HeapCell(long Count, long Bytes);

/// <summary>
/// What a heap holds, in two views that can be subtracted (after − before, ÷ circuits):
/// by type (count and shallow bytes), and by retaining path: the dominator tree folded by type, so
/// "… > CircuitHost > RemoteRenderer > Dictionary… > PostCard" holds what PostCards retain in all circuits.
/// </summary>
public sealed partial class HeapSummary
{
    public const string Separator = " > ";

    public Dictionary<string, HeapCell> ByType { get; } = [];
    public Dictionary<string, HeapCell> ByPath { get; } = [];
    public long TotalBytes { get; private set; }

    public static HeapSummary Of(HeapGraph g, Dominators d)
    {
        var s = new HeapSummary();
        var names = g.TypeNames.Select(Short).ToArray();
        var root = g.Root;
        for (var v = 0; v < root; v++)
        {
            if (d.Idom[v] < 0) continue;
            var name = names[g.Type[v]];
            s.ByType[name] = Add(s.ByType.GetValueOrDefault(name), 1, g.Size[v]);
            s.TotalBytes += g.Size[v];
        }

        // Each object's path is its immediate dominator's path plus its own type; a run of one type (a linked list,
        // a tree of nodes) stays on one path, counted once at its top. Paths are interned as (parent path, type) ids.
        var ids = new Dictionary<(int Parent, int Type), int>();
        var pathNames = new List<string> { "" };
        var pathTypes = new List<int> { -1 };
        var pathOf = new int[g.Size.Length];
        foreach (var v in d.Order)
        {
            if (v == root) continue;
            var parent = pathOf[d.Idom[v]];
            var type = g.Type[v];
            if (pathTypes[parent] == type)
            {
                pathOf[v] = parent;
                continue;
            }
            if (!ids.TryGetValue((parent, type), out var id))
            {
                id = pathNames.Count;
                ids[(parent, type)] = id;
                pathNames.Add(parent == 0 ? names[type] : pathNames[parent] + Separator + names[type]);
                pathTypes.Add(type);
            }
            pathOf[v] = id;
            s.ByPath[pathNames[id]] = Add(s.ByPath.GetValueOrDefault(pathNames[id]), 1, d.Retained[v]);
        }
        return s;
    }

    private static HeapCell Add(HeapCell? cell, long count, long bytes) =>
        new((cell?.Count ?? 0) + count, (cell?.Bytes ?? 0) + bytes);

    /// <summary>Type names without namespaces: "Dictionary&lt;Int32, ComponentState&gt;".</summary>
    public static string Short(string name) =>
        Namespaces().Replace(name.Replace("System.Int32", "int").Replace("System.String", "string"), "").Replace(",", ", ").Replace(",  ", ", ");

    [GeneratedRegex(@"(?:[A-Za-z_][\w`]*\.)+(?=[A-Za-z_<])")]
    private static partial Regex Namespaces();
}
