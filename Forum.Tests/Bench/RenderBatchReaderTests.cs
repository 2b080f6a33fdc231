extern alias bench;

using System.Text;
using bench::Forum.Bench.Circuits.Client;

namespace Forum.Tests.Bench;

public sealed class RenderBatchReaderTests
{
    /// <summary>
    /// A batch as the server's RenderBatchWriter lays it out: one diff, three reference frames (two of them
    /// components), one disposed component, and a string table.
    /// </summary>
    private static byte[] Batch(params string[] strings)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(5); w.Write(0);                                   // diff of component 5, no edits
        var diffs = (int)stream.Position; w.Write(1); w.Write(0); // diff table: count, offsets
        var frames = (int)stream.Position; w.Write(3);
        foreach (var type in new[] { 1, 4, 4 }) { w.Write(type); w.Write(new byte[16]); }
        var disposed = (int)stream.Position; w.Write(1); w.Write(9);
        var handlers = (int)stream.Position; w.Write(0);
        var offsets = strings.Select(s => { var at = (int)stream.Position; w.Write(s); return at; }).ToList();
        var table = (int)stream.Position;
        foreach (var at in offsets) w.Write(at);
        foreach (var offset in new[] { diffs, frames, disposed, handlers, table }) w.Write(offset);
        return stream.ToArray();
    }

    [Fact]
    public void ComponentDelta_TwoComponentFramesOneDisposed_IsOne() =>
        Assert.Equal(1, RenderBatchReader.ComponentDelta(Batch("a")));

    [Fact]
    public void UpdatedComponents_OneDiff_IsOne() =>
        Assert.Equal(1, RenderBatchReader.UpdatedComponents(Batch("a")));

    [Fact]
    public void ContainsString_MatchesWholeStringsOnly()
    {
        var batch = Batch("unread-count", "12", new string('x', 300));

        Assert.True(RenderBatchReader.ContainsString(batch, "12"u8));
        Assert.False(RenderBatchReader.ContainsString(batch, "1"u8));
        Assert.True(RenderBatchReader.ContainsString(batch, Encoding.UTF8.GetBytes(new string('x', 300))));
    }

    [Fact]
    public void ContainsText_FindsTextInsideMarkup() =>
        Assert.True(RenderBatchReader.ContainsText(Batch("<span id=\"circuit-ready\" hidden></span>"), "circuit-ready"u8));
}
