namespace Forum.Data.Realtime;

/// <summary>Someone in a place: a member, or an anonymous visitor (null <see cref="UserId"/>, counted per connection).</summary>
public sealed record PresenceMember(string? UserId, string DisplayName)
{
    public static PresenceMember Visitor { get; } = new(null, "");
}

/// <summary>The number of people in <paramref name="Place"/> changed because <paramref name="Member"/> came or went.</summary>
public sealed record PresenceChanged(string Place, PresenceMember Member, bool Joined, int Count) : BusEvent;

/// <summary>Where people are right now: readers of a post, members of a chat room, the whole site.</summary>
public static class Places
{
    public static string Post(int postId) => $"post:{postId}";
}

/// <summary>
/// Who is where, from live connections (circuits, sockets). A member with three tabs in a place is one person there
/// until the last tab leaves. Changes are published on <see cref="Topics.Presence"/> of the place.
/// </summary>
public interface IPresence
{
    /// <summary>Counts <paramref name="member"/> in <paramref name="place"/> until the result is disposed.</summary>
    IDisposable Enter(string place, PresenceMember member);

    bool IsPresent(string place, string userId);

    /// <summary>People in the place: each member once, each anonymous connection once.</summary>
    int Count(string place);
}
