using System.Globalization;
using Forum.Data;

namespace Forum.Tests.Data.Text;

/// <summary>The pure parts of the text rule: counting and excerpts. Storing is tested through the services.</summary>
public sealed class TextRulesTests
{
    private static readonly TextRule Rule = new("The text", 10);

    [Theory]
    [InlineData("🎬🎬🎬", 3)]
    [InlineData("👨‍👩‍👧‍👦 👍🏽🇫🇷", 4)]
    [InlineData("e\u0301te\u0301", 3)]
    [InlineData("  中文  ", 2)]
    [InlineData("a\r\nb", 3)]
    public void Count_CountsWhatAReaderSees(string text, int expected)
    {
        Assert.Equal(expected, TextRules.Count(text));
        Assert.Equal(expected, Rule.Check(text).Length);
    }

    [Fact]
    public void Check_TitleOnTwoLines_IsRefused()
    {
        var title = new TextRule("The title", 200, SingleLine: true);

        Assert.Equal("The title must be on one line.", title.Check("Heat\nRonin").Problem);
        Assert.Equal("The title must be on one line.", title.Check("Heat\u2028Ronin").Problem);
        Assert.Null(new TextRule("The text", 200).Check("Heat\nRonin").Problem);
    }

    [Fact]
    public void Check_ControlCharactersAndCarriageReturns_AreCleanedAway()
    {
        Assert.Equal("a\nb\nc\td", Rule.Check("\u0000a\r\nb\rc\td\u0007\u009B").Text);
    }

    [Theory]
    [InlineData(TextCases.Clapper)]
    [InlineData(TextCases.Family)]
    [InlineData("e\u0301")]
    [InlineData("中")]
    public void Excerpt_LongTextWithoutSpaces_NeverCutsACharacter(string unit)
    {
        var text = TextCases.Repeat(unit, 300);

        var excerpt = TextRules.Excerpt(text, 140);

        Assert.EndsWith("…", excerpt);
        var body = excerpt[..^1];
        Assert.Equal(139, new StringInfo(body).LengthInTextElements);
        Assert.Equal(TextCases.Repeat(unit.Normalize(), 139), body.Normalize());
    }

    [Fact]
    public void Excerpt_WordsOfEmoji_CutsAtAWordWithinTheLimit()
    {
        var text = string.Join(' ', Enumerable.Repeat(TextCases.Repeat(TextCases.ThumbTone, 9), 30));

        var excerpt = TextRules.Excerpt(text, 140);

        Assert.EndsWith(TextCases.ThumbTone + "…", excerpt);
        Assert.InRange(new StringInfo(excerpt).LengthInTextElements, 70, 140);
        Assert.StartsWith(excerpt[..^1] + " ", text);
    }

    [Fact]
    public void Excerpt_CallerCutInsideAnEmojiSequence_DropsThePartialCharacter()
    {
        var cutFamily = TextCases.Family[..5]; // man, ZWJ, woman: a different emoji than the one written
        var excerpt = TextRules.Excerpt("Loved it " + TextCases.Repeat("🎬", 3) + cutFamily, 140, more: true);

        Assert.Equal("Loved it 🎬🎬🎬…", excerpt);
    }

    [Fact]
    public void Excerpt_ShortWholeText_IsKeptWithoutEllipsis()
    {
        Assert.Equal("Great 👨‍👩‍👧‍👦 film", TextRules.Excerpt("  Great\n\n👨‍👩‍👧‍👦   film ", 140));
    }
}
