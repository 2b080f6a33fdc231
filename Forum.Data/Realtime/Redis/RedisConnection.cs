using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Forum.Data.Realtime.Redis;

/// <summary>
/// This node's one multiplexer, shared by the bus, presence, the Data Protection key ring and the health check. It
/// connects in the background and never throws at start-up: a node whose Redis is down still serves and writes, and
/// commands fail at once (no backlog) so a publish during an outage is logged, not held and replayed late.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<RedisBusOptions> options, ILogger<RedisConnection> logger)
    {
        var settings = options.Value;
        Prefix = settings.Prefix;
        PresenceTtl = TimeSpan.FromSeconds(settings.PresenceTtlSeconds);
        _multiplexer = new(() =>
        {
            var config = ConfigurationOptions.Parse(settings.Redis!);
            config.AbortOnConnectFail = false;
            config.BacklogPolicy = BacklogPolicy.FailFast;
            config.ClientName ??= $"forum-{Environment.MachineName}-{NodeId[..8]}";
            var multiplexer = ConnectionMultiplexer.Connect(config);
            multiplexer.ConnectionFailed += (_, e) =>
                logger.LogWarning("Redis {Type} connection to {Endpoint} failed: {Failure} ({Error})", e.ConnectionType, e.EndPoint, e.FailureType,
                    e.Exception?.Message.Split(',')[0]);
            multiplexer.ConnectionRestored += (_, e) =>
                logger.LogInformation("Redis {Type} connection to {Endpoint} restored", e.ConnectionType, e.EndPoint);
            return multiplexer;
        });
    }

    /// <summary>This process's name on the bus, new at every start (two app instances in one process differ too).</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public string Prefix { get; }

    public TimeSpan PresenceTtl { get; }

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    public RedisChannel Channel => RedisChannel.Literal($"{Prefix}:bus");

    public RedisKey Key(string name) => $"{Prefix}:{name}";

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated) _multiplexer.Value.Dispose();
    }
}
