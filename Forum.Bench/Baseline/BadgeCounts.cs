namespace Baseline;

/// <summary>Per-member counters with change listeners: the smallest stand-in for the forum's unread state and bus.</summary>
public sealed class BadgeCounts
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _counts = [];
    private readonly Dictionary<string, List<Action<int>>> _listeners = [];

    public int Get(string user)
    {
        lock (_lock) return _counts.GetValueOrDefault(user);
    }

    public void Increment(string user)
    {
        Action<int>[] listeners;
        int count;
        lock (_lock)
        {
            count = _counts[user] = _counts.GetValueOrDefault(user) + 1;
            listeners = _listeners.TryGetValue(user, out var list) ? [.. list] : [];
        }
        foreach (var listener in listeners) listener(count);
    }

    public IDisposable Subscribe(string user, Action<int> listener)
    {
        lock (_lock)
        {
            if (!_listeners.TryGetValue(user, out var list)) _listeners[user] = list = [];
            list.Add(listener);
        }
        return new Subscription(() => { lock (_lock) _listeners[user].Remove(listener); });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
