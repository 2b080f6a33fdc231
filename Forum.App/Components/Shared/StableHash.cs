namespace Forum.App.Components.Shared;

/// <summary>A hash that is the same in every process (string.GetHashCode is not), so colours and posters never change.</summary>
public static class StableHash
{
    /// <summary>FNV-1a over the UTF-16 code units, then MurmurHash3's finaliser so the low bits (the buckets) mix well.</summary>
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        return hash ^ (hash >> 16);
    }

    /// <summary>One of <paramref name="count"/> buckets for <paramref name="text"/>.</summary>
    public static int Pick(string text, int count) => (int)(Of(text) % (uint)count);
}
