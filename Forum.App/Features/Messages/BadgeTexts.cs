namespace Forum.App.Features.Messages;

/// <summary>
/// The unread badge's texts for one count, made once per count and kept. A badge render then writes only long-lived
/// strings into its render buffers, which live in the oldest generation: a fresh string stored there would mark a
/// card that every young-generation GC scans until the string grows old, and 10,000 tabs re-rendering their badge
/// made that scan most of each GC pause (docs/BENCHMARKS.md, "Third pass").
/// </summary>
public sealed class BadgeTexts
{
    private const int Kept = 1_000;
    private static readonly BadgeTexts?[] ByCount = new BadgeTexts?[Kept];

    private BadgeTexts(int count)
    {
        Number = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Shown = count > 99 ? "99+" : Number;
        Label = count == 0 ? "My messages" : $"My messages, {count} unread";
        Announcement = count switch
        {
            0 => "No unread messages",
            1 => "1 unread message",
            _ => $"{count} unread messages",
        };
    }

    /// <summary>The count in digits (the hidden <c>#unread-count</c>).</summary>
    public string Number { get; }

    /// <summary>What the bell shows: the count, or "99+".</summary>
    public string Shown { get; }

    /// <summary>The link's accessible name.</summary>
    public string Label { get; }

    /// <summary>What the live region announces when the count changes.</summary>
    public string Announcement { get; }

    /// <summary>The texts for <paramref name="count"/>; counts past the first thousand are made each time (rare).</summary>
    public static BadgeTexts For(int count) => count is >= 0 and < Kept ? ByCount[count] ??= new BadgeTexts(count) : new BadgeTexts(count);
}
