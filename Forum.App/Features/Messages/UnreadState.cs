using Forum.Data.Messages;
using Forum.Data.Realtime;

namespace Forum.App.Features.Messages;

/// <summary>
/// The signed-in member's unread count for one circuit. It subscribes before it loads, and applies only
/// states newer than the one it holds, so a late or repeated event cannot make the badge drift.
/// </summary>
public sealed class UnreadState(INotificationBus bus, MessageService messages) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Func<Task>> _listeners = [];
    private IDisposable? _subscription;
    private string? _userId;
    private long _version = -1;

    public int Count { get; private set; }

    /// <summary>Starts following <paramref name="userId"/>; calling again for the same member does nothing.</summary>
    public async Task StartAsync(string userId, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (_userId == userId) return;
            _subscription?.Dispose();
            _userId = userId;
            _version = -1;
            _subscription = bus.Subscribe(Topics.User(userId), e => e switch
            {
                UnreadChanged u => ApplyAsync(u),
                EventsMissed => ReloadAsync(userId, CancellationToken.None),
                _ => Task.CompletedTask,
            }, wants: e => e is UnreadChanged);
        }
        await ReloadAsync(userId, ct);
    }

    /// <summary>The database's state; applied only if no newer one arrived meanwhile.</summary>
    private async Task ReloadAsync(string userId, CancellationToken ct) => await ApplyAsync(await messages.GetUnreadAsync(userId, ct));

    /// <summary>Takes a state the server returned (after a mark-read, say) or published.</summary>
    public Task ApplyAsync(UnreadChanged state)
    {
        Func<Task>[] listeners;
        lock (_lock)
        {
            if (state.UserId != _userId || state.Version <= _version) return Task.CompletedTask;
            _version = state.Version;
            Count = state.Count;
            listeners = [.. _listeners];
        }
        return Task.WhenAll(listeners.Select(l => l()));
    }

    /// <summary>Calls <paramref name="listener"/> after each change until the result is disposed.</summary>
    public IDisposable OnChange(Func<Task> listener)
    {
        lock (_lock) _listeners.Add(listener);
        return new Unsubscriber(() => { lock (_lock) _listeners.Remove(listener); });
    }

    public void Dispose() => _subscription?.Dispose();

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
