using Microsoft.Diagnostics.Runtime;

namespace Forum.Bench.Heap;

/// <summary>
/// The live objects of a process dump (ClrMD) as a graph: one node per object reachable from a GC root, its size and
/// type, its references (compressed rows), and node <see cref="Root"/>, a virtual root pointing at every GC root.
/// Unreachable objects (garbage the dump still holds) are left out, so sizes are what a full GC would keep.
/// </summary>
public sealed class HeapGraph
{
    public required long[] Size { get; init; }
    public required int[] Type { get; init; }
    public required string[] TypeNames { get; init; }

    /// <summary>Per type: a delegate (whose invocation list can join unrelated owners, as an event's handlers do).</summary>
    public required bool[] TypeIsDelegate { get; init; }
    public required int[] EdgeStart { get; init; }
    public required int[] Edges { get; init; }

    /// <summary>The virtual root: the last node, with no size and an edge to each GC root.</summary>
    public int Root => Size.Length - 1;

    public IEnumerable<int> Successors(int node)
    {
        for (var e = EdgeStart[node]; e < EdgeStart[node + 1]; e++) yield return Edges[e];
    }

    public static HeapGraph Load(string dumpPath)
    {
        using var dump = new DumpRuntime(dumpPath);
        var heap = dump.Heap;
        var index = new Dictionary<ulong, int>();
        var types = new Dictionary<string, int>();
        var typeNames = new List<string>();
        var delegates = new List<bool>();
        var sizes = new List<long>();
        var typeOf = new List<int>();
        var addresses = new List<ulong>();

        // Only what is reachable: a breadth-first walk from the roots (dependent handles count as references).
        var queue = new Queue<ulong>();
        var rootNodes = new List<int>();
        int Visit(ulong address)
        {
            if (index.TryGetValue(address, out var i)) return i;
            var obj = heap.GetObject(address);
            if (!obj.IsValid || obj.IsFree) return -1;
            i = addresses.Count;
            index[address] = i;
            addresses.Add(address);
            sizes.Add((long)obj.Size);
            var name = obj.Type?.Name ?? "?";
            if (!types.TryGetValue(name, out var t))
            {
                (t, types[name]) = (typeNames.Count, typeNames.Count);
                typeNames.Add(name);
                delegates.Add(IsDelegate(obj.Type));
            }
            typeOf.Add(t);
            queue.Enqueue(address);
            return i;
        }
        foreach (var root in heap.EnumerateRoots())
            if (root.Object.Address != 0 && Visit(root.Object.Address) is var r and >= 0) rootNodes.Add(r);

        var edgeLists = new List<int[]>();
        while (queue.Count > 0)
        {
            var obj = heap.GetObject(queue.Dequeue());
            var refs = new List<int>();
            foreach (var to in obj.EnumerateReferenceAddresses(carefully: false, considerDependantHandles: true))
                if (to != 0 && Visit(to) is var j and >= 0) refs.Add(j);
            edgeLists.Add([.. refs]);
        }

        var n = addresses.Count + 1;
        var start = new int[n + 1];
        var edges = new List<int>(edgeLists.Sum(l => l.Length) + rootNodes.Count);
        for (var i = 0; i < addresses.Count; i++)
        {
            start[i] = edges.Count;
            edges.AddRange(edgeLists[i]);
        }
        start[n - 1] = edges.Count;
        edges.AddRange(rootNodes.Distinct());
        start[n] = edges.Count;
        sizes.Add(0);
        typeNames.Add("<roots>");
        delegates.Add(false);
        typeOf.Add(typeNames.Count - 1);
        return new HeapGraph
        {
            Size = [.. sizes], Type = [.. typeOf], TypeNames = [.. typeNames], TypeIsDelegate = [.. delegates], EdgeStart = start, Edges = [.. edges],
        };
    }

    private static bool IsDelegate(ClrType? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.Name == "System.MulticastDelegate") return true;
        return false;
    }
}
