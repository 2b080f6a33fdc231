namespace Forum.Data.Realtime;

/// <summary>
/// Someone in a place: a member, or an anonymous visitor (null <see cref="UserId"/>, counted per connection).
/// <see cref="UserName"/> is the member's stable handle (for links and @mentions), when the caller knows it.
/// </summary>
public sealed record PresenceMember(string? UserId, string DisplayName, string? UserName = null)
{
    public static PresenceMember Visitor { get; } = new(null, "");
}

/// <summary>The number of people in <paramref name="Place"/> changed because <paramref name="Member"/> came or went.</summary>
public sealed record PresenceChanged(string Place, PresenceMember Member, bool Joined, int Count) : BusEvent;

/// <summary>Where people are right now: readers of a post, members of a chat room, the whole site.</summary>
public static class Places
{
    /// <summary>The site itself: every signed-in member with a live circuit or socket. Visitors do not enter it.</summary>
    public const string Site = "site";

    public static string Post(int postId) => $"post:{postId}";

    /// <summary>A chat room, by its canonical name: who is in it now.</summary>
    public static string Room(string room) => $"room:{room}";

    /// <summary>A private conversation open on a member's screen: what arrives in it is read at once.</summary>
    public static string Conversation(long conversationId) => $"conversation:{conversationId}";
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

    /// <summary>
    /// The ids of the members in the place, without blocking on another server: what a writer asks before it opens its
    /// transaction (a synchronous read of Redis inside it would hold the database's write lock while Redis answers).
    /// </summary>
    Task<IReadOnlySet<string>> MembersPresentAsync(string place) =>
        Task.FromResult<IReadOnlySet<string>>(Members(place).Select(m => m.UserId!).ToHashSet(StringComparer.Ordinal));

    /// <summary>People in the place: each member once, each anonymous connection once.</summary>
    int Count(string place);

    /// <summary>The signed-in members in the place, each once, by display name (visitors are only counted).</summary>
    IReadOnlyList<PresenceMember> Members(string place);
}
