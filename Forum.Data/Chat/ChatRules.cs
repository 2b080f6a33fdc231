namespace Forum.Data.Chat;

public static class ChatRules
{
    public const int TextMax = 1_000;

    public static readonly TextRule Text = new("The message", TextMax);

    /// <summary>How long the author may delete a message.</summary>
    public static readonly TimeSpan DeleteWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The private form of a room message: "@name rest" (the name runs to the first white space; user names have none).
    /// <paramref name="text"/> is already cleaned by <see cref="Text"/>, so it starts with what the member typed first.
    /// </summary>
    public static bool TryParseMention(string text, out string userName, out string rest)
    {
        (userName, rest) = ("", "");
        if (text.Length < 2 || text[0] != '@' || char.IsWhiteSpace(text[1])) return false;
        var end = 1;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        (userName, rest) = (text[1..end], text[end..]);
        return true;
    }
}
