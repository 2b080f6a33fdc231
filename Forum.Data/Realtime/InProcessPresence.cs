namespace Forum.Data.Realtime;

/// <summary>Presence of this node's connections, kept in memory: place → person → open connections.</summary>
public sealed class InProcessPresence(INotificationBus bus) : IPresence
{
    private readonly Dictionary<string, Dictionary<object, Person>> _places = [];
    private readonly Lock _lock = new();

    public IDisposable Enter(string place, PresenceMember member)
    {
        // Members are counted once however many tabs they have; each anonymous connection is its own person.
        object key = member.UserId ?? new object();
        int? count = null;
        lock (_lock)
        {
            if (!_places.TryGetValue(place, out var people)) _places[place] = people = [];
            if (!people.TryGetValue(key, out var person)) people[key] = person = new Person(member);
            if (++person.Connections == 1) count = people.Count;
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

    public IReadOnlyList<PresenceMember> Members(string place)
    {
        List<PresenceMember> members;
        lock (_lock)
        {
            if (!_places.TryGetValue(place, out var people)) return [];
            members = [.. people.Values.Select(p => p.Member).Where(m => m.UserId is not null)];
        }
        return [.. members.OrderBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(m => m.UserId, StringComparer.Ordinal)];
    }

    private void Leave(string place, object key, PresenceMember member)
    {
        int? count = null;
        lock (_lock)
        {
            if (!_places.TryGetValue(place, out var people) || !people.TryGetValue(key, out var person)) return;
            if (--person.Connections > 0) return;
            people.Remove(key);
            if (people.Count == 0) _places.Remove(place);
            count = people.Count;
        }
        _ = bus.PublishAsync(Topics.Presence(place), new PresenceChanged(place, member, false, count.Value));
    }

    /// <summary>One person in one place: as they first entered, and how many of their connections are there.</summary>
    private sealed class Person(PresenceMember member)
    {
        public PresenceMember Member { get; } = member;
        public int Connections { get; set; }
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
