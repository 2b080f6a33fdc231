using Forum.App.Components.Shared;
using Bunit;
using Forum.Data.Seeding;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components;

public sealed class SharedMarkupTests : ComponentTest
{
    private static readonly DateTime Now = new(2026, 3, 14, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(59, "just now")]
    [InlineData(60, "1 min ago")]
    [InlineData(59 * 60 + 59, "59 min ago")]
    [InlineData(3600, "1 h ago")]
    [InlineData(23 * 3600 + 3599, "23 h ago")]
    [InlineData(86400, "1 d ago")]
    [InlineData(29 * 86400 + 86399, "29 d ago")]
    [InlineData(30 * 86400, "12 Feb 2026")]
    [InlineData(-120, "just now")] // a clock a little ahead of the server's
    public void TimeText_Describe_SaysTheAgeInTheForumsWords(int seconds, string expected) =>
        Assert.Equal(expected, TimeText.Describe(Now.AddSeconds(-seconds), Now));

    [Fact]
    public void TimeAgo_Component_WritesTheSameTimeElementAsTheLists()
    {
        var utc = H.Db.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
        var time = H.Render<TimeAgo>(p => p.Add(c => c.Utc, utc)).Find("time");
        Assert.Equal("5 min ago", time.TextContent);
        Assert.Contains(TimeText.CssClass, time.ClassList);
        Assert.Equal(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), time.GetAttribute("datetime"));
    }

    [Fact]
    public void Members_ColourClass_IsStablePerMemberAndTellsTheDemoMembersApart()
    {
        Assert.Equal(Members.ColourClass("alice"), Members.ColourClass("Alice"));
        var colours = DemoSeeder.Members.Select(m => Members.ColourClass(m.UserName)).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
        Assert.All(colours, c => Assert.Matches(@"^forum-avatar-c(\d|10)$", c));
    }

    [Fact]
    public void Members_Initial_KeepsAccentsWholeAndNeverEmpty()
    {
        Assert.Equal("É", Members.Initial("élodie"));
        Assert.Equal("?", Members.Initial("   "));
    }

    [Fact]
    public void Poster_Classes_AreStablePerTitleAndVaryAcrossTheDemo()
    {
        Assert.Equal(Poster.Classes("Alien"), Poster.Classes("Alien"));
        var classes = DemoMovies.All.Select(m => Poster.Classes(m.Title).Split(' ')).ToList();
        Assert.True(classes.Select(c => c[1]).Distinct().Count() >= 8, "the demo posters should use most gradients");
        Assert.Equal(Poster.Patterns, classes.Select(c => c[2]).Distinct().Count());
        Assert.Contains("forum-poster-xlong", Poster.Classes("Supercalifragilistic"));
    }
}
