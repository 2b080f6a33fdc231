using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Forum.Data.Realtime.Redis;

/// <summary>
/// The bus between nodes. A publish is delivered on this node at once, through the same per-subscription queues as the
/// in-process bus, and sent to one Redis channel for the other nodes, which deliver it through theirs; a node skips its
/// own messages when they come back, so each subscriber gets each event once. The channel is read in order, so events
/// of one topic from one node arrive in publish order everywhere.
/// Redis down: the publish is logged and dropped (the write already committed). Back up: see <see cref="ResyncLoop"/>.
/// </summary>
public sealed partial class RedisNotificationBus : INotificationBus, IAsyncDisposable
{
    private readonly InProcessNotificationBus _local;
    private readonly RedisConnection _redis;
    private readonly ILogger _logger;
    private readonly ResyncLoop _resync;
    private readonly CancellationTokenSource _stopping = new();
    private ChannelMessageQueue? _queue;
    private int _publishFailed, _disposed;
    private long _published, _received, _failed;

    public RedisNotificationBus(RedisConnection redis, ILoggerFactory loggers)
    {
        _redis = redis;
        _local = new InProcessNotificationBus(loggers.CreateLogger<InProcessNotificationBus>());
        _logger = loggers.CreateLogger<RedisNotificationBus>();
        _resync = new ResyncLoop(this);
    }

    public string NodeId => _redis.NodeId;

    /// <summary>True once this node's subscription to the channel has carried its own message back.</summary>
    public bool Subscribed => _resync.Confirmed;

    public bool Connected => Subscribed;

    public (long Published, long Received, long Failed) Counters => (Interlocked.Read(ref _published), Interlocked.Read(ref _received), Interlocked.Read(ref _failed));

    /// <summary>Connects and subscribes in the background; a Redis that is down is retried, never waited for.</summary>
    public void Start()
    {
        var multiplexer = _redis.Multiplexer;
        multiplexer.ConnectionRestored += (_, _) => _resync.Request();
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription) _resync.Lost();
        };
        _resync.Request();
    }

    public IDisposable Subscribe(string topic, Func<BusEvent, Task> handler, Func<BusEvent, bool>? wants = null) => _local.Subscribe(topic, handler, wants);

    public int SubscriberCount(string topic) => _local.SubscriberCount(topic);

    public Task PublishAsync(string topic, BusEvent busEvent)
    {
        _local.PublishAsync(topic, busEvent);
        byte[] payload;
        try
        {
            payload = BusWire.Serialize(new BusEnvelope(_redis.NodeId, topic, busEvent));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Event} could not be written for the other nodes", busEvent.GetType().Name);
            return Task.CompletedTask;
        }
        // Not awaited: the writer's latency never includes Redis. Commands leave in call order, so order holds.
        _ = SendAsync(payload, busEvent);
        return Task.CompletedTask;
    }

    private async Task SendAsync(byte[] payload, BusEvent busEvent)
    {
        try
        {
            await _redis.Multiplexer.GetSubscriber().PublishAsync(_redis.Channel, payload);
            Interlocked.Increment(ref _published);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            // The other nodes' subscribers may now be behind: tell them to reload when Redis is back.
            Volatile.Write(ref _publishFailed, 1);
            _resync.Lost();
            _resync.Request();
            _logger.LogWarning("{Event} did not reach the other nodes (Redis: {Error}); they resync when it is back", busEvent.GetType().Name, ex.Message);
        }
    }

    private void OnMessage(ChannelMessage message)
    {
        BusEnvelope? envelope;
        try
        {
            envelope = BusWire.Deserialize((byte[])message.Message!);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "An unreadable message on the bus was dropped; every subscriber resyncs");
            _local.PublishMissedToAll();
            return;
        }
        if (envelope is null) return;
        if (envelope.Resync is { } resync)
        {
            if (envelope.Node == _redis.NodeId) _resync.Echoed(resync.Id);
            else if (resync.PublishFailed)
            {
                _logger.LogInformation("Node {Node} lost events while Redis was away; resyncing this node's subscribers", envelope.Node);
                _local.PublishMissedToAll();
            }
            return;
        }
        if (envelope.Node == _redis.NodeId || envelope.Topic is null || envelope.Event is null) return;
        Interlocked.Increment(ref _received);
        _local.PublishAsync(envelope.Topic, envelope.Event);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as INotificationBus: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        if (_queue is { } queue)
        {
            try { await queue.UnsubscribeAsync(); } catch (RedisException) { }
        }
    }
}
