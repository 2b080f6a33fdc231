namespace Forum.Data.Realtime;

/// <summary>What travels on the bus. Events carry state (the current count), never deltas.</summary>
public abstract record BusEvent;

/// <summary>A member's unread count changed; <see cref="Version"/> grows with every change, so late events can be ignored.</summary>
public sealed record UnreadChanged(string UserId, int Count, long Version) : BusEvent;

/// <summary>
/// A new entry in a member's message center, published on the member's topic after commit (beside the
/// <see cref="UnreadChanged"/> it causes), so live clients can show it without reloading the list.
/// </summary>
public sealed record NotificationAdded(string UserId, Messages.MessageItem Item) : BusEvent;

public sealed record CommentAdded(Comments.CommentView Comment) : BusEvent;

/// <summary>A comment's text changed (its author edited it); published on the post's topic.</summary>
public sealed record CommentEdited(Comments.CommentView Comment) : BusEvent;

/// <summary>A post's title, year, genres or text changed; published on the post's topic.</summary>
public sealed record PostChanged(int PostId) : BusEvent;

/// <summary>A post is gone, with its thread; published on the post's topic.</summary>
public sealed record PostRemoved(int PostId) : BusEvent;

/// <summary>A comment is gone from its thread; published on the post's topic.</summary>
public sealed record CommentRemoved(int PostId, int CommentId) : BusEvent;

/// <summary>
/// A member's session ended (logout, or revoked from the sessions list); that session's circuits sign out too.
/// <paramref name="SessionId"/> null means every session of the member ("sign out everywhere").
/// </summary>
public sealed record SignedOut(string UserId, string? SessionId) : BusEvent;

/// <summary>
/// Told to a subscriber that may have missed events (it fell too far behind, or the bus between nodes was down):
/// it must reload what it shows from the database, which is always the truth.
/// </summary>
public sealed record EventsMissed : BusEvent
{
    public static readonly EventsMissed Instance = new();
}

public static class Topics
{
    public static string User(string userId) => $"user:{userId}";
    public static string Post(int postId) => $"post:{postId}";
    public static string Presence(string place) => $"presence:{place}";
    /// <summary>A chat room's messages (<see cref="Chat.ChatPosted"/>, <see cref="Chat.ChatDeleted"/>); the room's canonical name.</summary>
    public static string Room(string room) => $"room:{room}";
}

/// <summary>Publish/subscribe between the services that write and the circuits and sockets that show.</summary>
public interface INotificationBus
{
    /// <summary>
    /// Calls <paramref name="handler"/> for every event on <paramref name="topic"/>, one at a time and in publish order,
    /// until the result is disposed. Handlers run on the thread pool, never on the publisher's thread; a handler that
    /// throws is logged and keeps its subscription. A handler must also accept <see cref="EventsMissed"/>.
    /// <paramref name="wants"/>, when given, is asked on the publisher's thread before an event is queued: events it
    /// declines cost the subscriber nothing (no queue entry, no thread-pool work item). It must be quick and must not
    /// throw; <see cref="EventsMissed"/> is always delivered.
    /// </summary>
    IDisposable Subscribe(string topic, Func<BusEvent, Task> handler, Func<BusEvent, bool>? wants = null);

    /// <summary>
    /// Queues the event for every subscriber and returns without waiting for any of them, so a writer's latency does not
    /// depend on who listens. Call only after commit.
    /// </summary>
    Task PublishAsync(string topic, BusEvent busEvent);

    /// <summary>
    /// Whether every node's events reach this node right now: always in process; the Redis bus while its subscription
    /// is confirmed. A cache kept right by events (<c>StampCache</c>) reads the database while this is false.
    /// </summary>
    bool Connected => true;
}
