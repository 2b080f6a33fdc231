using Forum.Data.Seeding;

namespace Forum.Tests.Data.Seeding;

public sealed class DemoTalkTests
{
    [Fact]
    public void DemoTalk_EveryDemoMovie_HasItsOwnConversation()
    {
        Assert.All(DemoMovies.All, movie => Assert.NotEmpty(DemoTalk.For(movie.Title)));
        Assert.Empty(DemoTalk.ByTitle.Keys.Except(DemoMovies.All.Select(m => m.Title)));
    }

    [Fact]
    public void DemoTalk_NoSentence_IsUsedTwice()
    {
        var lines = DemoTalk.ByTitle.Values.SelectMany(talk => talk.SelectMany(c => c.Replies.Prepend(c.Body))).ToList();
        Assert.Equal(lines.Count, lines.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.True(lines.Count > 100, $"a demo community needs more than {lines.Count} comments and replies");
    }
}
