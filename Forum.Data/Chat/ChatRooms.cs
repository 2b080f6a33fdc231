using System.Globalization;

namespace Forum.Data.Chat;

/// <summary>A chat room as members see it: its canonical name, its title, and the movie it belongs to (null for the lobby).</summary>
public sealed record ChatRoom(string Name, string DisplayName, int? PostId);

/// <summary>The rooms: the lobby, and one watch-party room per movie post (<c>movie-&lt;postId&gt;</c>).</summary>
public static class ChatRooms
{
    public const string Lobby = "lobby";
    public const string LobbyDisplayName = "Lobby";
    private const string MoviePrefix = "movie-";

    /// <summary>Longer than any name <see cref="TryParse"/> accepts ("movie-" and an int).</summary>
    public const int NameMax = 32;

    public static string Movie(int postId) => MoviePrefix + postId.ToString(CultureInfo.InvariantCulture);

    public static string MovieDisplayName(string title) => $"{title} watch party";

    /// <summary>
    /// Reads a room name in any letter case: the lobby (post id null) or a movie room with a plain positive post id
    /// ("movie-7", not "movie-07" or "movie-+7", so every room has exactly one name). Whether the post exists is the
    /// database's question (<see cref="ChatQueries.GetRoomAsync"/>).
    /// </summary>
    public static bool TryParse(string? name, out string canonical, out int? postId)
    {
        (canonical, postId) = ("", null);
        if (name is null) return false;
        if (name.Equals(Lobby, StringComparison.OrdinalIgnoreCase))
        {
            canonical = Lobby;
            return true;
        }
        if (!name.StartsWith(MoviePrefix, StringComparison.OrdinalIgnoreCase)) return false;
        var digits = name.AsSpan(MoviePrefix.Length);
        if (digits.Length is 0 or > 10 || digits[0] == '0') return false;
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        (canonical, postId) = (Movie(id), id);
        return true;
    }
}
