namespace Forum.Bench.Heap;

/// <summary>
/// What each circuit owns, and how it holds it. A plain dominator tree cannot say: singletons (the notification bus,
/// the connection manager, the AppDomain's exception event) reach into every circuit, so most of a circuit is
/// dominated by the GC roots themselves. Instead each anchor (a CircuitHost) is walked forward, stopping at objects of
/// types that do not grow with the circuits (the root service provider, the bus, Kestrel's service context…);
/// an object reached from exactly one anchor belongs to it. The owned objects, with the anchors under one virtual
/// root, then get their own dominator tree, folded by type: "CircuitHost > RemoteRenderer > …".
/// </summary>
public static class CircuitOwnership
{
    public static (HeapSummary Owned, long OwnedBytes, int Anchors) Of(HeapGraph g, string anchorType, ISet<string> perCircuitTypes)
    {
        var names = g.TypeNames.Select(HeapSummary.Short).ToArray();
        var grows = names.Select(perCircuitTypes.Contains).ToArray();
        var anchors = Enumerable.Range(0, g.Root).Where(v => names[g.Type[v]] == anchorType).ToList();
        const int None = -1, Many = -2;
        var owner = new int[g.Size.Length];
        Array.Fill(owner, None);
        var stamp = new int[g.Size.Length];
        var queue = new Queue<int>();
        for (var a = 0; a < anchors.Count; a++)
        {
            queue.Enqueue(anchors[a]);
            stamp[anchors[a]] = a + 1;
            while (queue.Count > 0)
            {
                var v = queue.Dequeue();
                owner[v] = owner[v] == None ? a : owner[v] == a ? a : Many;
                foreach (var w in g.Successors(v))
                    if (stamp[w] != a + 1 && grows[g.Type[w]] && !Crosses(g, v, w))
                    {
                        stamp[w] = a + 1;
                        queue.Enqueue(w);
                    }
            }
        }

        // The owned subgraph: owned objects keep their edges to objects of the same owner; its root points at the anchors.
        var map = new int[g.Size.Length];
        Array.Fill(map, -1);
        var nodes = new List<int>();
        for (var v = 0; v < g.Root; v++)
            if (owner[v] >= 0) { map[v] = nodes.Count; nodes.Add(v); }
        var start = new int[nodes.Count + 2];
        var edges = new List<int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            start[i] = edges.Count;
            foreach (var w in g.Successors(nodes[i]))
                if (map[w] >= 0 && owner[w] == owner[nodes[i]]) edges.Add(map[w]);
        }
        start[nodes.Count] = edges.Count;
        // An anchor reached from another anchor is shared, not owned: it is left out (the count of anchors says so).
        var owners = anchors.Where(a => map[a] >= 0).ToList();
        edges.AddRange(owners.Select(a => map[a]));
        start[nodes.Count + 1] = edges.Count;
        var sub = new HeapGraph
        {
            Size = [.. nodes.Select(v => g.Size[v]), 0],
            Type = [.. nodes.Select(v => g.Type[v]), 0],
            TypeNames = g.TypeNames,
            TypeIsDelegate = g.TypeIsDelegate,
            EdgeStart = start,
            Edges = [.. edges],
        };
        return (HeapSummary.Of(sub, new Dominators(sub)), nodes.Sum(v => g.Size[v]), owners.Count);
    }

    /// <summary>
    /// Edges that join owners rather than belong to one: a linked list's next/previous (timers of every circuit sit in
    /// one queue) and a delegate's invocation list (an event with a handler from every circuit).
    /// </summary>
    public static bool Crosses(HeapGraph g, int from, int to) =>
        g.Type[from] == g.Type[to] || (g.TypeIsDelegate[g.Type[from]] && g.TypeNames[g.Type[to]] == "System.Object[]");
}
