using System.Globalization;
using System.Text;

namespace Forum.Data;

/// <summary>One text field's rule: its name in messages, its length in characters as a reader counts them, one line or not.</summary>
public sealed record TextRule(string What, int Max, bool SingleLine = false)
{
    /// <summary>The hard cap in UTF-16 code units (what is stored and sent), whatever the character count.</summary>
    public int MaxUnits => Max * TextRules.UnitsPerCharacter;

    public TextCheck Check(string? text) => TextRules.Check(text, this);

    /// <summary>The text as it is stored, or a <see cref="ForumException"/> with the rule's message.</summary>
    public string Require(string? text) => TextRules.Require(text, this);
}

/// <summary>The text as it would be stored, its length in characters, and what is wrong with it (null when nothing is).</summary>
public readonly record struct TextCheck(string Text, int Length, string? Problem);

/// <summary>
/// THE rule for member text at every door (posts, comments, chat, moderation reasons). A character is what a reader
/// sees: a text element (grapheme cluster), so an emoji with its skin tone or a letter with its accents counts as one.
/// Text is stored in NFC with line breaks as LF and control characters removed; text with nothing visible is empty.
/// Text elements can hide abuse (one "character" carrying hundreds of accent marks or joined emoji), so each element
/// and the whole text also have caps in code units.
/// </summary>
public static class TextRules
{
    /// <summary>The hard cap is this many code units per allowed character: room for an emoji with a skin tone each.</summary>
    public const int UnitsPerCharacter = 4;

    /// <summary>
    /// No single character may take more code units than this. The longest real ones (a family emoji with skin tones,
    /// a subdivision flag, Indic conjuncts) take under 20; "zalgo" text stacks dozens of accent marks on one letter.
    /// </summary>
    public const int MaxUnitsPerCharacter = 32;

    public static string Require(string? text, string what, int max) => Require(text, new TextRule(what, max));

    public static string Require(string? text, TextRule rule)
    {
        var check = Check(text, rule);
        return check.Problem is null ? check.Text : throw ForumException.Invalid(check.Problem);
    }

    public static TextCheck Check(string? text, TextRule rule)
    {
        var what = rule.What;
        if (!Clean(text, out var clean))
            return new(clean, 0, $"{what} contains a broken character (half of an emoji or symbol): delete it and type it again.");
        if (clean.Length == 0) return new(clean, 0, $"{what} cannot be empty.");
        if (!HasVisible(clean))
            return new(clean, 0, $"{what} cannot be empty: spaces and invisible characters alone do not count.");
        if (rule.SingleLine && clean.AsSpan().IndexOfAny('\n', '\u2028', '\u2029') >= 0)
            return new(clean, 0, $"{what} must be on one line.");
        var (length, longest) = Measure(clean);
        if (length > rule.Max)
            return new(clean, length, $"{what} is too long ({N(length)} characters; the limit is {N(rule.Max)}).");
        if (longest > MaxUnitsPerCharacter)
            return new(clean, length, $"{what} has a character stacked with too many accent marks or joined symbols " +
                $"({N(longest)} code units in one character; at most {MaxUnitsPerCharacter}).");
        if (clean.Length > rule.MaxUnits)
            return new(clean, length, $"{what} takes too much space ({N(clean.Length)} code units; the limit is {N(rule.MaxUnits)}): " +
                "emoji and accented letters take several units each, so shorten it.");
        return new(clean, length, null);
    }

    /// <summary>How many characters the rule would count in <paramref name="text"/> (for counters under fields).</summary>
    public static int Count(string? text) => Clean(text, out var clean) ? Measure(clean).Length : 0;

    /// <summary>
    /// The first <paramref name="max"/> characters (text elements, never half of one), whitespace collapsed, cut at a word
    /// when one ends past the middle, with an ellipsis when cut.
    /// </summary>
    /// <param name="more">The caller already cut <paramref name="text"/> short (its last word or character may be partial),
    /// so the excerpt must say "…" even when collapsing whitespace made it fit, and drop a possibly partial last element.</param>
    public static string Excerpt(string text, int max, bool more = false)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var starts = StringInfo.ParseCombiningCharacters(flat);
        if (starts.Length <= max && !more) return flat;
        var lastMayBePartial = more && text.Length > 0 && !char.IsWhiteSpace(text[^1]);
        var keep = Math.Min(max - 1, lastMayBePartial ? starts.Length - 1 : starts.Length);
        for (var i = Math.Min(keep, starts.Length - 1); i > max / 2; i--)
            if (flat[starts[i]] == ' ') return flat[..starts[i]] + "…";
        var end = keep <= 0 ? 0 : keep < starts.Length ? starts[keep] : flat.Length;
        return flat[..end].TrimEnd() + "…";
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>NFC, LF line breaks, no control characters but tab and LF, trimmed; false for unpaired surrogates.</summary>
    private static bool Clean(string? text, out string clean)
    {
        clean = text ?? "";
        for (var i = 0; i < clean.Length; i++)
        {
            if (!char.IsSurrogate(clean[i])) continue;
            if (char.IsHighSurrogate(clean[i]) && i + 1 < clean.Length && char.IsLowSurrogate(clean[i + 1])) i++;
            else return false;
        }
        if (clean.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || clean.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0)
        {
            var sb = new StringBuilder(clean.Length);
            for (var i = 0; i < clean.Length; i++)
            {
                var c = clean[i];
                if (c == '\r') sb.Append('\n');
                else if (c is '\n' && i > 0 && clean[i - 1] == '\r') continue;
                else if (c is '\t' or '\n' || !char.IsControl(c)) sb.Append(c);
            }
            clean = sb.ToString();
        }
        clean = clean.Trim();
        if (!clean.IsNormalized(NormalizationForm.FormC)) clean = clean.Normalize(NormalizationForm.FormC);
        return true;
    }

    /// <summary>The number of text elements and the longest one in code units.</summary>
    private static (int Length, int Longest) Measure(string text)
    {
        var (count, longest, start) = (0, 0, 0);
        while (start < text.Length)
        {
            var size = StringInfo.GetNextTextElementLength(text, start);
            (count, longest, start) = (count + 1, Math.Max(longest, size), start + size);
        }
        return (count, longest);
    }

    private static bool HasVisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (!IsInvisible(rune)) return true;
        return false;
    }

    /// <summary>
    /// White space, control and format characters (U+200B, U+200D, U+2060, U+FEFF, bidi marks, tags…), the other
    /// Default_Ignorable code points (variation selectors, fillers such as U+3164, U+115F, U+1160, U+FFA0), and the
    /// blank Braille pattern U+2800: all show nothing on their own.
    /// </summary>
    private static bool IsInvisible(Rune r) =>
        Rune.IsWhiteSpace(r)
        || Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.Control
        || r.Value is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x2800 or 0x3164 or 0xFEFF or 0xFFA0
        || r.Value is >= 0x180B and <= 0x180F or >= 0x200B and <= 0x200F or >= 0x202A and <= 0x202E or >= 0x2060 and <= 0x206F
        || r.Value is >= 0xFE00 and <= 0xFE0F or >= 0xFFF0 and <= 0xFFF8 or >= 0x1BCA0 and <= 0x1BCA3 or >= 0x1D173 and <= 0x1D17A
        || r.Value is >= 0xE0000 and <= 0xE0FFF;
}
