using Forum.Bench.Circuits.Client;
using Forum.Bench.Circuits.Run;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace Forum.Bench.Heap;

/// <summary>
/// `heap --cards SECONDS [--cards-rate N]`: what an ephemeral GC must scan through the card table. With the circuits open
/// and N comments a second arriving (each on another member's post, so every member's tabs render in turn; 0: idle), the server's heap is dumped
/// mid-stream without a forced GC, and every reference from an older generation to a younger one is counted by the
/// type and field holding it, with the 256-byte cards those references dirty (what "marking through cards" and the
/// relocation after it walk in each gen0/gen1 collection).
/// </summary>
public static class HeapCards
{
    public static async Task<string> RecordAsync(int pid, List<LoadMember> members, int seconds, double perSecond, string dump, int types, CancellationToken ct)
    {
        var writers = new List<CommentWriter>();
        foreach (var m in members.Take(10)) writers.Add(await CommentWriter.CreateAsync(m.Client, ct));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var posting = Task.Run(async () =>
        {
            for (var i = 0; perSecond > 0 && !stop.IsCancellationRequested; i++)
            {
                var author = members[i % members.Count];
                var writer = writers[(i + 1) % writers.Count];
                await writer.PostCommentAsync(author.PostId, $"Comment {i}: cards.", CancellationToken.None);
                await Task.Delay(TimeSpan.FromSeconds(1 / perSecond), CancellationToken.None);
            }
        }, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        File.Delete(dump);
        await new DiagnosticsClient(pid).WriteDumpAsync(DumpType.WithHeap, dump, logDumpGeneration: false, ct);
        await stop.CancelAsync();
        await posting;
        return Analyze(dump, members.Sum(m => m.Tabs.Count), types);
    }

    public static string Analyze(string dumpPath, int circuits, int types)
    {
        using var dump = new DumpRuntime(dumpPath);
        var heap = dump.Heap;
        var holders = new Dictionary<string, Holder>();
        var cards = new HashSet<ulong>();
        var (objects, refs) = (0L, 0L);
        foreach (var segment in heap.Segments)
        foreach (var obj in segment.EnumerateObjects())
        {
            if (!obj.IsValid || obj.IsFree) continue;
            var age = Age(segment.GetGeneration(obj.Address));
            if (age == 0) continue;
            objects++;
            foreach (var r in obj.EnumerateReferencesWithFields(carefully: false, considerDependantHandles: false))
            {
                if (heap.GetSegmentByAddress(r.Object.Address) is not { } to || Age(to.GetGeneration(r.Object.Address)) >= age) continue;
                refs++;
                var card = (obj.Address + (ulong)Math.Max(0, r.Offset)) >> 8;
                cards.Add(card);
                var key = $"gen{age} {obj.Type?.Name ?? "?"}.{(r.Field?.Name ?? "[]")}";
                if (!holders.TryGetValue(key, out var h)) holders[key] = h = new Holder();
                h.Cards.Add(card);
                h.Refs++;
                var targetType = r.Object.Type?.IsString == true ? $"\"{Shorten(r.Object.AsString(40))}\"" : r.Object.Type?.Name ?? "?";
                h.Targets[targetType] = h.Targets.GetValueOrDefault(targetType) + 1;
            }
        }
        var lines = holders.OrderByDescending(h => h.Value.Cards.Count).Take(types).Select(h =>
            $"| {h.Value.Cards.Count:N0} | {h.Value.Refs:N0} | `{h.Key}` | {string.Join(", ", h.Value.Targets.OrderByDescending(t => t.Value).Take(3).Select(t => $"{t.Key} ×{t.Value:N0}"))} |");
        return $"Older-to-younger references in the heap of {circuits:N0} circuits: {refs:N0} references on {cards.Count:N0} cards " +
               $"({cards.Count * 256 / 1048576.0:F1} MB of card range), from {objects:N0} objects in gen1 or older.\n\n" +
               "| cards | references | holder (generation, type, field) | younger objects held |\n|---:|---:|---|---|\n" + string.Join("\n", lines);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Replace("|", "/").Replace("\n", " ");

    /// <summary>0, 1, or 2 for everything a gen0/gen1 GC does not collect (gen2, large, pinned, frozen).</summary>
    private static int Age(Generation generation) => generation switch
    {
        Generation.Generation0 => 0,
        Generation.Generation1 => 1,
        _ => 2,
    };

    private sealed class Holder
    {
        public HashSet<ulong> Cards { get; } = [];
        public long Refs { get; set; }
        public Dictionary<string, long> Targets { get; } = [];
    }
}
