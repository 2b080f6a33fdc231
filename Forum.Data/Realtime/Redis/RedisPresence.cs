using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Forum.Data.Realtime.Redis;

/// <summary>
/// Presence shared by every node. Each node keeps its own connections in memory (as <see cref="InProcessPresence"/>) and
/// mirrors each person it holds into a Redis sorted set per place, one entry per node and person, scored with the time it
/// expires. The node refreshes its entries every third of their life; a node that dies stops refreshing and its entries
/// fall out of every read once they expire. Reads union the live entries of all nodes with this node's own (so a node
/// without Redis still knows its own people), counting each member once however many nodes hold their tabs.
/// Writes to Redis go through one ordered worker, so a leave can never be overtaken by an earlier enter or a refresh.
/// </summary>
public sealed partial class RedisPresence : IPresence, IDisposable
{
    private const char Separator = '\u001f';
    private readonly Dictionary<string, Dictionary<string, Person>> _places = [];
    private readonly Lock _lock = new();
    private readonly Channel<Op> _ops = Channel.CreateUnbounded<Op>(new UnboundedChannelOptions { SingleReader = true });
    private readonly INotificationBus _bus;
    private readonly RedisConnection _redis;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ITimer _refresh;
    private int _disposed;

    public RedisPresence(INotificationBus bus, RedisConnection redis, TimeProvider clock, ILogger<RedisPresence> logger)
    {
        (_bus, _redis, _clock, _logger) = (bus, redis, clock, logger);
        _ = Task.Run(WorkAsync);
        var period = redis.PresenceTtl / 3;
        _refresh = clock.CreateTimer(_ => Refresh(), null, period, period);
        redis.Multiplexer.ConnectionRestored += (_, _) => Refresh();
    }

    public IDisposable Enter(string place, PresenceMember member)
    {
        var key = member.UserId ?? $"visitor:{Guid.NewGuid():N}";
        Person? joined = null;
        lock (_lock)
        {
            if (!_places.TryGetValue(place, out var people)) _places[place] = people = [];
            if (!people.TryGetValue(key, out var person))
                people[key] = person = new Person(member, $"{_redis.NodeId}{Separator}{key}{Separator}{JsonSerializer.Serialize(member)}");
            if (++person.Connections == 1) joined = person;
        }
        if (joined is not null) _ops.Writer.TryWrite(new Op(place, joined, OpKind.Enter));
        return new Leaver(this, place, key);
    }

    public bool IsPresent(string place, string userId)
    {
        lock (_lock)
            if (_places.TryGetValue(place, out var people) && people.ContainsKey(userId)) return true;
        return Read(place).Any(e => e.Key == userId);
    }

    public async Task<IReadOnlySet<string>> MembersPresentAsync(string place)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
            if (_places.TryGetValue(place, out var people))
                present.UnionWith(people.Values.Select(p => p.Member.UserId).OfType<string>());
        RedisValue[] entries;
        try
        {
            entries = await _redis.Database.SortedSetRangeByScoreAsync(PlaceKey(place), Now, double.PositiveInfinity);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return LocalOnly(place, ex, present);
        }
        present.UnionWith(Parsed(entries).Select(e => e.Member.UserId).OfType<string>());
        return present;
    }

    public int Count(string place) => People(place).Count;

    public IReadOnlyList<PresenceMember> Members(string place) =>
        [.. People(place).Values.Where(m => m.UserId is not null)
            .OrderBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(m => m.UserId, StringComparer.Ordinal)];

    /// <summary>Asks the worker to write every entry this node holds again with a fresh expiry (Redis restarted, say).</summary>
    public void Refresh() => _ops.Writer.TryWrite(new Op("", null, OpKind.Refresh));

    /// <summary>As <see cref="Refresh"/>, completing once the worker has done it (or failed to reach Redis).</summary>
    public Task RefreshAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_ops.Writer.TryWrite(new Op("", null, OpKind.Refresh, done))) done.TrySetResult();
        return done.Task;
    }

    /// <summary>Everyone in the place on any node, by person key.</summary>
    private Dictionary<string, PresenceMember> People(string place)
    {
        var people = new Dictionary<string, PresenceMember>();
        foreach (var (key, member) in Read(place)) people.TryAdd(key, member);
        lock (_lock)
            if (_places.TryGetValue(place, out var local))
                foreach (var (key, person) in local) people.TryAdd(key, person.Member);
        return people;
    }

    /// <summary>The live entries of every node; none when Redis cannot be read (this node then knows only its own).</summary>
    private IEnumerable<(string Key, PresenceMember Member)> Read(string place)
    {
        try
        {
            return Parsed(_redis.Database.SortedSetRangeByScore(PlaceKey(place), Now, double.PositiveInfinity));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return LocalOnly(place, ex, Array.Empty<(string, PresenceMember)>());
        }
    }

    /// <summary>Entries not expired yet score after now (each node refreshes its own).</summary>
    private double Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static IEnumerable<(string Key, PresenceMember Member)> Parsed(RedisValue[] entries) =>
        entries.Select(e => Parse(e!)).OfType<(string, PresenceMember)>();

    /// <summary>Redis away: what this node holds is the answer (logged at debug: it is expected while Redis is down).</summary>
    private T LocalOnly<T>(string place, Exception ex, T local)
    {
        _logger.LogDebug("Presence of {Place} read from this node only: {Error}", place, ex.Message);
        return local;
    }

    private static (string Key, PresenceMember Member)? Parse(string entry)
    {
        var parts = entry.Split(Separator, 3);
        return parts.Length == 3 && JsonSerializer.Deserialize<PresenceMember>(parts[2]) is { } member ? (parts[1], member) : null;
    }

    private RedisKey PlaceKey(string place) => _redis.Key($"presence:{place}");

    private void Leave(string place, string key)
    {
        Person? left = null;
        lock (_lock)
        {
            if (!_places.TryGetValue(place, out var people) || !people.TryGetValue(key, out var person)) return;
            if (--person.Connections > 0) return;
            people.Remove(key);
            if (people.Count == 0) _places.Remove(place);
            left = person;
        }
        _ops.Writer.TryWrite(new Op(place, left, OpKind.Leave));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _refresh.Dispose();
        _ops.Writer.TryComplete();
        // A node that stops cleanly takes its people with it instead of leaving them to expire.
        List<(string Place, string Entry)> mine;
        lock (_lock) mine = [.. _places.SelectMany(p => p.Value.Values.Select(person => (p.Key, person.Entry)))];
        if (mine.Count == 0 || !_redis.Multiplexer.IsConnected) return;
        try
        {
            foreach (var group in mine.GroupBy(m => m.Place))
                _redis.Database.SortedSetRemove(PlaceKey(group.Key), [.. group.Select(m => (RedisValue)m.Entry)], CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { }
    }

    private sealed class Person(PresenceMember member, string entry)
    {
        public PresenceMember Member { get; } = member;
        public string Entry { get; } = entry;
        public int Connections { get; set; }
    }

    private sealed class Leaver(RedisPresence presence, string place, string key) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) presence.Leave(place, key);
        }
    }
}
