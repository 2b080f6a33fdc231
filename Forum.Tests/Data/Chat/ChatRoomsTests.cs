using Forum.Data.Chat;

namespace Forum.Tests.Data.Chat;

public sealed class ChatRoomsTests
{
    [Theory]
    [InlineData("lobby", "lobby", null)]
    [InlineData("Lobby", "lobby", null)]
    [InlineData("movie-7", "movie-7", 7)]
    [InlineData("MOVIE-2147483647", "movie-2147483647", int.MaxValue)]
    public void TryParse_RoomNames_ReadAsOneCanonicalName(string name, string canonical, int? postId)
    {
        Assert.True(ChatRooms.TryParse(name, out var parsed, out var id));
        Assert.Equal((canonical, postId), (parsed, id));
    }

    [Theory]
    [InlineData("movie-0")]
    [InlineData("movie-07")]
    [InlineData("movie-+7")]
    [InlineData("movie- 7")]
    [InlineData("movie-2147483648")]
    [InlineData("movie-٣")] // an Arabic-Indic digit is a digit to char.IsDigit, not to a room name
    [InlineData(" lobby")]
    [InlineData("lobby2")]
    [InlineData("movies-1")]
    public void TryParse_OtherNames_AreNoRoom(string name) => Assert.False(ChatRooms.TryParse(name, out _, out _));

    [Theory]
    [InlineData("@bob hi there", "bob", " hi there")]
    [InlineData("@bob\nhi", "bob", "\nhi")]
    [InlineData("@a.b-c_d@x hi", "a.b-c_d@x", " hi")]
    [InlineData("@bob", "bob", "")]
    public void TryParseMention_LeadingName_SplitsNameAndText(string text, string name, string rest)
    {
        Assert.True(ChatRules.TryParseMention(text, out var parsedName, out var parsedRest));
        Assert.Equal((name, rest), (parsedName, parsedRest));
    }
}
