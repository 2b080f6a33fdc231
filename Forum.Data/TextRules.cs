namespace Forum.Data;

public static class TextRules
{
    /// <summary>Trims <paramref name="text"/> and checks it is present and within <paramref name="max"/> characters.</summary>
    public static string Require(string? text, string what, int max)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) throw ForumException.Invalid($"{what} cannot be empty.");
        if (trimmed.Length > max) throw ForumException.Invalid($"{what} is too long ({trimmed.Length} characters; the limit is {max}).");
        return trimmed;
    }

    /// <summary>The first <paramref name="max"/> characters, cut at a word boundary, with an ellipsis when cut.</summary>
    /// <param name="more">The caller already cut <paramref name="text"/> short (its last word may be partial), so the
    /// excerpt must end at a word and say "…" even when collapsing whitespace made it fit.</param>
    public static string Excerpt(string text, int max, bool more = false)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max && !more) return flat;
        var cut = flat.Length == 0 ? -1 : flat.LastIndexOf(' ', Math.Min(flat.Length, max) - 1);
        return flat[..(cut > max / 2 ? cut : Math.Min(flat.Length, max - 1))] + "…";
    }
}
