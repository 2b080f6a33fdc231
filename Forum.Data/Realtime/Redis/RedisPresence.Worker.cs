using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Forum.Data.Realtime.Redis;

public sealed partial class RedisPresence
{
    private enum OpKind { Enter, Leave, Refresh }

    private sealed record Op(string Place, Person? Person, OpKind Kind, TaskCompletionSource? Done = null);

    /// <summary>Applies enters, leaves and refreshes to Redis one at a time, then publishes the place's new count.</summary>
    private async Task WorkAsync()
    {
        await foreach (var op in _ops.Reader.ReadAllAsync())
        {
            try
            {
                if (op.Kind == OpKind.Refresh) await RefreshEntriesAsync();
                else await ApplyAsync(op);
            }
            catch (Exception ex)
            {
                _logger.LogDebug("Presence not written to Redis ({Kind} {Place}): {Error}", op.Kind, op.Place, ex.Message);
            }
            op.Done?.TrySetResult();
            if (op.Person is { } person)
            {
                var count = Count(op.Place);
                await _bus.PublishAsync(Topics.Presence(op.Place), new PresenceChanged(op.Place, person.Member, op.Kind == OpKind.Enter, count));
            }
        }
    }

    private async Task ApplyAsync(Op op)
    {
        var key = PlaceKey(op.Place);
        var db = _redis.Database;
        if (op.Kind == OpKind.Leave)
        {
            await db.SortedSetRemoveAsync(key, op.Person!.Entry);
            return;
        }
        await db.SortedSetAddAsync(key, op.Person!.Entry, Expiry());
        await db.KeyExpireAsync(key, _redis.PresenceTtl * 2);
    }

    private async Task RefreshEntriesAsync()
    {
        List<(string Place, string[] Entries)> mine;
        lock (_lock) mine = [.. _places.Select(p => (p.Key, p.Value.Values.Select(person => person.Entry).ToArray()))];
        if (mine.Count == 0) return;
        var db = _redis.Database;
        var expiry = Expiry();
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = db.CreateBatch();
        var tasks = new List<Task>();
        var expired = new List<(string Place, Task<RedisValue[]> Entries)>();
        foreach (var (place, entries) in mine)
        {
            var key = PlaceKey(place);
            tasks.Add(batch.SortedSetAddAsync(key, [.. entries.Select(e => new SortedSetEntry(e, expiry))]));
            expired.Add((place, batch.SortedSetRangeByScoreAsync(key, double.NegativeInfinity, now, Exclude.Stop)));
            tasks.Add(batch.KeyExpireAsync(key, _redis.PresenceTtl * 2));
        }
        batch.Execute();
        await Task.WhenAll(tasks);
        foreach (var (place, entries) in expired) await ForgetAsync(place, await entries);
    }

    /// <summary>
    /// Drops the entries of nodes that stopped refreshing (they died) and tells everyone those people left. Only the node
    /// whose removal took the entry publishes, so each departure is announced once however many nodes sweep the place.
    /// </summary>
    private async Task ForgetAsync(string place, RedisValue[] expired)
    {
        foreach (var entry in expired)
        {
            if (!await _redis.Database.SortedSetRemoveAsync(PlaceKey(place), entry) || Parse(entry!) is not { } gone) continue;
            var people = People(place);
            if (people.ContainsKey(gone.Key)) continue; // still here through another node
            await _bus.PublishAsync(Topics.Presence(place), new PresenceChanged(place, gone.Member, false, people.Count));
        }
    }

    private double Expiry() => (_clock.GetUtcNow() + _redis.PresenceTtl).ToUnixTimeMilliseconds();
}
