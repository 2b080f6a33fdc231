namespace Forum.Bench.Heap;

/// <summary>
/// The dominator tree of a heap graph (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm"): an object's
/// immediate dominator is the last object every path from the roots to it goes through. Freeing an object frees
/// everything it dominates, so an object's retained size is its own size plus that of its dominator subtree.
/// </summary>
public sealed class Dominators
{
    /// <summary>Immediate dominator of each node (the root's is itself).</summary>
    public int[] Idom { get; }

    /// <summary>Nodes in reverse postorder: every node comes after its immediate dominator.</summary>
    public int[] Order { get; }

    public long[] Retained { get; }

    public Dominators(HeapGraph g)
    {
        var n = g.Size.Length;
        Order = ReversePostorder(g);
        var rank = new int[n];
        for (var i = 0; i < Order.Length; i++) rank[Order[i]] = i;
        var preds = Predecessors(g);

        Idom = new int[n];
        Array.Fill(Idom, -1);
        Idom[g.Root] = g.Root;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var v in Order)
            {
                if (v == g.Root) continue;
                var best = -1;
                for (var e = preds.Start[v]; e < preds.Start[v + 1]; e++)
                {
                    var p = preds.Edges[e];
                    if (Idom[p] < 0) continue;
                    best = best < 0 ? p : Intersect(p, best, rank);
                }
                if (best >= 0 && Idom[v] != best) { Idom[v] = best; changed = true; }
            }
        }

        Retained = (long[])g.Size.Clone();
        for (var i = Order.Length - 1; i > 0; i--) Retained[Idom[Order[i]]] += Retained[Order[i]];
    }

    private int Intersect(int a, int b, int[] rank)
    {
        while (a != b)
        {
            while (rank[a] > rank[b]) a = Idom[a];
            while (rank[b] > rank[a]) b = Idom[b];
        }
        return a;
    }

    private static int[] ReversePostorder(HeapGraph g)
    {
        var n = g.Size.Length;
        var seen = new bool[n];
        var post = new List<int>(n);
        var stack = new Stack<(int Node, int Edge)>();
        stack.Push((g.Root, g.EdgeStart[g.Root]));
        seen[g.Root] = true;
        while (stack.Count > 0)
        {
            var (v, e) = stack.Pop();
            if (e < g.EdgeStart[v + 1])
            {
                stack.Push((v, e + 1));
                var w = g.Edges[e];
                if (!seen[w]) { seen[w] = true; stack.Push((w, g.EdgeStart[w])); }
            }
            else post.Add(v);
        }
        post.Reverse();
        return [.. post];
    }

    private static (int[] Start, int[] Edges) Predecessors(HeapGraph g)
    {
        var n = g.Size.Length;
        var start = new int[n + 1];
        foreach (var w in g.Edges) start[w + 1]++;
        for (var i = 0; i < n; i++) start[i + 1] += start[i];
        var fill = (int[])start.Clone();
        var edges = new int[g.Edges.Length];
        for (var v = 0; v < n; v++)
            for (var e = g.EdgeStart[v]; e < g.EdgeStart[v + 1]; e++) edges[fill[g.Edges[e]]++] = v;
        return (start, edges);
    }
}
