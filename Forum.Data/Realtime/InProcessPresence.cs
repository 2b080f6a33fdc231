namespace Forum.Data.Realtime;

/// <summary>Presence of this node's connections, kept in memory: place → person → open connections.</summary>
public sealed class InProcessPresence(INotificationBus bus) : IPresence
{
    private readonly Dictionary<string, Dictionary<object, int>> _places = [];
    private readonly Lock _lock = new();

    public IDisposable Enter(string place, PresenceMember member)
    {
        // Members are counted once however many tabs they have; each anonymous connection is its own person.
        object key = member.UserId ?? new object();
        int? count = null;
        lock (_lock)
        {
            if (!_places.TryGetValue(place, out var people)) _places[place] = people = [];
            people[key] = people.GetValueOrDefault(key) + 1;
            if (people[key] == 1) count = people.Count;
        }
        if (count is { } now) _ = bus.PublishAsync(Topics.Presence(place), new PresenceChanged(place, member, true, now));
        return new Leaver(this, place, key, member);
    }

    public bool IsPresent(string place, string userId)
    {
        lock (_lock) return _places.TryGetValue(place, out var people) && people.ContainsKey(userId);
    }

    public int Count(string place)
    {
        lock (_lock) return _places.TryGetValue(place, out var people) ? people.Count : 0;
    }

    private void Leave(string place, object key, PresenceMember member)
    {
        int? count = null;
        lock (_lock)
        {
            if (!_places.TryGetValue(place, out var people) || !people.TryGetValue(key, out var connections)) return;
            if (connections > 1)
            {
                people[key] = connections - 1;
                return;
            }
            people.Remove(key);
            if (people.Count == 0) _places.Remove(place);
            count = people.Count;
        }
        _ = bus.PublishAsync(Topics.Presence(place), new PresenceChanged(place, member, false, count.Value));
    }

    private sealed class Leaver(InProcessPresence presence, string place, object key, PresenceMember member) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) presence.Leave(place, key, member);
        }
    }
}
