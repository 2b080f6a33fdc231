using Forum.Data;

namespace Forum.Tests.Data.Text;

/// <summary>Texts that probe <see cref="TextRules"/> at a field of a given rule; shared by the post and comment tests.</summary>
public static class TextCases
{
    public const string Clapper = "🎬";          // one character, two UTF-16 units
    public const string ThumbTone = "👍🏽";       // one character, four units (emoji + skin tone)
    public const string Family = "👨‍👩‍👧‍👦";       // one character, eleven units (four emoji joined by ZWJ)

    public static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    /// <summary>Text a reader sees nothing of: spaces, format characters and look-alike blanks.</summary>
    public static readonly IReadOnlyDictionary<string, string> Invisible = new Dictionary<string, string>
    {
        ["three zero-width spaces"] = "\u200B\u200B\u200B",
        ["a lone byte order mark"] = "\uFEFF",
        ["joiners and word joiner"] = "\u200C\u200D\u2060",
        ["hangul fillers"] = "\u3164\u115F\u1160\uFFA0",
        ["braille blank and mongolian separator"] = "\u2800\u180E",
        ["spaces around invisibles"] = " \u200B\u3000\u00A0\u200E ",
        ["variation selector and tags"] = "\uFE0F\U000E0041\U000E007F",
    };

    /// <summary>Each refused text for <paramref name="rule"/> with (a part of) the message the member must get.</summary>
    public static IReadOnlyDictionary<string, (string Text, string Message)> Refused(TextRule rule) =>
        new Dictionary<string, (string, string)>(Invisible.ToDictionary(p => p.Key,
            p => (p.Value, $"{rule.What} cannot be empty: spaces and invisible characters alone do not count.")))
        {
            ["empty"] = ("", $"{rule.What} cannot be empty."),
            ["blank"] = (" \n\t ", $"{rule.What} cannot be empty."),
            ["one emoji too many"] = (Repeat(Clapper, rule.Max + 1),
                $"{rule.What} is too long ({rule.Max + 1:N0} characters; the limit is {rule.Max:N0})."),
            ["zalgo"] = ("Z" + new string('\u0301', 40) + "algo", $"{rule.What} has a character stacked with too many accent marks"),
            ["joined emoji chain"] = (string.Join('\u200D', Enumerable.Repeat("😀", 20)), "(59 code units in one character; at most 32)"),
            ["families past the unit cap"] = (Repeat(Family, rule.Max / 2), $"{rule.What} takes too much space"),
            ["unpaired surrogate"] = ("Heat \uD83C", $"{rule.What} contains a broken character"),
        };
}
