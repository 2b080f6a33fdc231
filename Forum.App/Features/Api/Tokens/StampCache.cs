using System.Collections.Concurrent;
using Forum.Data.Realtime;

namespace Forum.App.Features.Api.Tokens;

/// <summary>
/// The security stamps that bearer tokens were recently checked against, so a member's API calls do not each read the
/// database. A stamp changes only with "sign out everywhere", a ban or a role change, and each publishes
/// <see cref="SignedOut"/> (no session) on the member's topic after its commit: the entry is dropped on the publisher's
/// thread, before the revoking request answers (other nodes drop it as the event arrives through the bus). An entry
/// also lives at most <see cref="Lifetime"/>; while the bus between nodes is down (<see cref="INotificationBus.Connected"/>)
/// nothing is answered from the cache, and <see cref="EventsMissed"/> (the bus came back) drops every entry.
/// </summary>
public sealed class StampCache(INotificationBus bus, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>
    /// The member's stamp (null: no such member, which no token can match), from the cache or from <paramref name="read"/>.
    /// An entry that a drop may have missed (it was dropped while being read, or is older than the lifetime) is never
    /// answered from.
    /// </summary>
    public async Task<string?> GetAsync(string userId, Func<CancellationToken, Task<string?>> read, CancellationToken ct)
    {
        // With the bus between nodes down, a stamp changed on another node would not be heard: ask the database each time.
        if (!bus.Connected) return await read(ct);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(userId, out var cached) && cached.Fresh(now)) return cached.Stamp;
        // Listen first, then read: a revoke that commits after the read is heard; one that committed before it is read.
        var entry = new Entry(now + Lifetime);
        entry.Listen(bus, userId, () => Forget(userId, entry));
        var stamp = entry.Stamp = await read(ct);
        if (entry.Dropped || !_entries.TryAdd(userId, entry) && !Replace(userId, entry))
            entry.Dispose();
        Sweep(now);
        return stamp;
    }

    private bool Replace(string userId, Entry entry)
    {
        if (!_entries.TryGetValue(userId, out var old) || !_entries.TryUpdate(userId, entry, old)) return false;
        old.Dispose();
        return true;
    }

    private void Forget(string userId, Entry entry)
    {
        entry.Dropped = true;
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(userId, entry))) entry.Dispose();
    }

    private long _nextSweep;

    /// <summary>At most once per lifetime: entries no call refreshed are let go, with their subscriptions.</summary>
    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweep, (now + Lifetime).UtcTicks, next) != next) return;
        foreach (var (userId, entry) in _entries)
            if (!entry.Fresh(now)) Forget(userId, entry);
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values) entry.Dispose();
        _entries.Clear();
    }

    private sealed class Entry(DateTimeOffset expires) : IDisposable
    {
        private IDisposable? _subscription;
        public string? Stamp { get; set; }
        public volatile bool Dropped;

        public bool Fresh(DateTimeOffset now) => !Dropped && now < expires;

        public void Listen(INotificationBus bus, string userId, Action drop) =>
            // A sign-out everywhere is acted on in the filter, on the publisher's thread, which then declines it: nothing is
            // queued for it. Only EventsMissed (always delivered) reaches the handler.
            _subscription = bus.Subscribe(Topics.User(userId), e =>
            {
                if (e is EventsMissed) drop();
                return Task.CompletedTask;
            }, wants: e =>
            {
                if (e is SignedOut { SessionId: null }) drop();
                return false;
            });

        public void Dispose() => _subscription?.Dispose();
    }
}
