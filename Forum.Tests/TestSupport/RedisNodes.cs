using System.Collections.Concurrent;
using Forum.Data.Realtime;
using Forum.Data.Realtime.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Forum.Tests.TestSupport;

/// <summary>Bus nodes on one <see cref="RedisServer"/>, each with its own connection, under a key prefix of their own.</summary>
public sealed class RedisNodes(RedisServer server) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public string Prefix { get; } = $"t{Guid.NewGuid():N}";

    /// <param name="extra">Appended to the connection string (",user=…,password=…").</param>
    public RedisConnection Connection(string extra = "")
    {
        var connection = new RedisConnection(
            Options.Create(new RedisBusOptions { Redis = server.ConnectionString + extra, Prefix = Prefix }),
            NullLogger<RedisConnection>.Instance);
        _owned.Add(new Disposer(connection.Dispose));
        return connection;
    }

    /// <summary>A started bus, returned once its subscription has carried its own message back.</summary>
    public async Task<RedisNotificationBus> BusAsync(RedisConnection? connection = null)
    {
        var bus = new RedisNotificationBus(connection ?? Connection(), NullLoggerFactory.Instance);
        _owned.Insert(0, bus);
        bus.Start();
        await Eventually.TrueAsync(() => bus.Subscribed, "the bus node is subscribed", 10_000);
        return bus;
    }

    public void Own(IDisposable disposable) => _owned.Insert(0, new Disposer(disposable.Dispose));

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync();
    }

    private sealed class Disposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>What one subscription received, in order.</summary>
public sealed class Received
{
    private readonly ConcurrentQueue<BusEvent> _events = new();

    public IReadOnlyList<BusEvent> Events => [.. _events];

    public int Count<T>() where T : BusEvent => _events.Count(e => e is T);

    public IDisposable Follow(INotificationBus bus, string topic) => bus.Subscribe(topic, e =>
    {
        _events.Enqueue(e);
        return Task.CompletedTask;
    });
}
