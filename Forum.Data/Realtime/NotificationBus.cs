namespace Forum.Data.Realtime;

/// <summary>What travels on the bus. Events carry state (the current count), never deltas.</summary>
public abstract record BusEvent;

/// <summary>A member's unread count changed; <see cref="Version"/> grows with every change, so late events can be ignored.</summary>
public sealed record UnreadChanged(string UserId, int Count, long Version) : BusEvent;

public sealed record CommentAdded(Comments.CommentView Comment) : BusEvent;

/// <summary>
/// A member's session ended (logout, or revoked from the sessions list); that session's circuits sign out too.
/// <paramref name="SessionId"/> null means every session of the member ("sign out everywhere").
/// </summary>
public sealed record SignedOut(string UserId, string? SessionId) : BusEvent;

public static class Topics
{
    public static string User(string userId) => $"user:{userId}";
    public static string Post(int postId) => $"post:{postId}";
}

/// <summary>Publish/subscribe between the services that write and the circuits and sockets that show.</summary>
public interface INotificationBus
{
    /// <summary>Calls <paramref name="handler"/> for every event on <paramref name="topic"/> until the result is disposed.</summary>
    IDisposable Subscribe(string topic, Func<BusEvent, Task> handler);

    /// <summary>Delivers to every subscriber; one failing subscriber does not stop the others. Call only after commit.</summary>
    Task PublishAsync(string topic, BusEvent busEvent);
}
