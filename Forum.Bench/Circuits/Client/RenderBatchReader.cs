using System.Buffers.Binary;

namespace Forum.Bench.Circuits.Client;

/// <summary>
/// Reads what the driver needs from a render batch without allocating: new and disposed components, and whether the
/// string table holds a given text. Layout (little-endian): [diffs][reference frames][disposed component ids]
/// [disposed handler ids][strings][string offsets], then five int32 offsets: diffs, frames, disposed components,
/// disposed handlers, string offsets. Frames are 20 bytes: int32 type, then 16 bytes of fields.
/// </summary>
public static class RenderBatchReader
{
    private const int ComponentFrame = 4, FrameSize = 20, Trailer = 20;

    /// <summary>Component frames inserted by this batch (each one a new component) minus the components it disposes.</summary>
    public static int ComponentDelta(ReadOnlySpan<byte> batch)
    {
        var end = batch.Length - Trailer;
        var frames = Int(batch, end + 4);
        var disposed = Int(batch, end + 8);
        var count = Int(batch, frames);
        var added = 0;
        for (var i = 0; i < count; i++)
            if (Int(batch, frames + 4 + i * FrameSize) == ComponentFrame) added++;
        return added - Int(batch, disposed);
    }

    /// <summary>The number of components this batch re-rendered (diffs).</summary>
    public static int UpdatedComponents(ReadOnlySpan<byte> batch) => Int(batch, Int(batch, batch.Length - Trailer));

    /// <summary>True when one string of the batch's string table equals <paramref name="utf8"/> exactly.</summary>
    public static bool ContainsString(ReadOnlySpan<byte> batch, ReadOnlySpan<byte> utf8) => Find(batch, utf8, whole: true);

    /// <summary>
    /// True when one string of the string table contains <paramref name="utf8"/>: static HTML in a component
    /// (an element without dynamic parts) travels as one markup string.
    /// </summary>
    public static bool ContainsText(ReadOnlySpan<byte> batch, ReadOnlySpan<byte> utf8) => Find(batch, utf8, whole: false);

    private static bool Find(ReadOnlySpan<byte> batch, ReadOnlySpan<byte> utf8, bool whole)
    {
        var end = batch.Length - Trailer;
        for (var table = Int(batch, end + 16); table < end; table += 4)
        {
            var at = Int(batch, table);
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = batch[at++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80) break;
            }
            var text = batch.Slice(at, length);
            if (whole ? text.SequenceEqual(utf8) : text.IndexOf(utf8) >= 0) return true;
        }
        return false;
    }

    private static int Int(ReadOnlySpan<byte> batch, int at) => BinaryPrimitives.ReadInt32LittleEndian(batch[at..]);
}
