using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Forum.Data.Realtime.Redis;

public sealed partial class RedisNotificationBus
{
    /// <summary>How long to wait for this node's own resync message to come back before sending another.</summary>
    private static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Brings this node back after Redis was away (or at start): subscribe if not yet subscribed, send a resync message
    /// and wait until it comes back on the channel, which proves events flow again; only then tell every local subscriber
    /// <see cref="EventsMissed"/>, so each reloads from the database (which has every committed write) and cannot miss an
    /// event published between its reload and the subscription's return. If this node failed to publish meanwhile, the
    /// message asks the other nodes to resync too. Repeats until it succeeds; requests while it runs fold into one more pass.
    /// </summary>
    private sealed class ResyncLoop(RedisNotificationBus bus)
    {
        private readonly Lock _lock = new();
        private int _requests;
        private bool _running;
        private (Guid Id, TaskCompletionSource Done)? _waiting;

        public bool Confirmed { get; private set; }

        public void Lost() => Confirmed = false;

        public void Request()
        {
            lock (_lock)
            {
                _requests++;
                if (_running) return;
                _running = true;
            }
            _ = Task.Run(RunAsync);
        }

        public void Echoed(Guid id)
        {
            lock (_lock)
                if (_waiting is { } waiting && waiting.Id == id) waiting.Done.TrySetResult();
        }

        private async Task RunAsync()
        {
            var ct = bus._stopping.Token;
            while (!ct.IsCancellationRequested)
            {
                int handled;
                lock (_lock) handled = _requests;
                try
                {
                    await PassAsync(ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    bus._logger.LogDebug("Resync with Redis not done yet: {Error}", ex.Message);
                    try { await Task.Delay(EchoTimeout / 2, ct); } catch (OperationCanceledException) { break; }
                    continue;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                lock (_lock)
                    if (_requests == handled)
                    {
                        _running = false;
                        return;
                    }
            }
            lock (_lock) _running = false;
        }

        private async Task PassAsync(CancellationToken ct)
        {
            var subscriber = bus._redis.Multiplexer.GetSubscriber();
            if (bus._queue is null)
            {
                var queue = await subscriber.SubscribeAsync(bus._redis.Channel);
                queue.OnMessage(bus.OnMessage);
                bus._queue = queue;
            }
            var failed = Interlocked.Exchange(ref bus._publishFailed, 0) == 1;
            var id = Guid.NewGuid();
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock) _waiting = (id, done);
            try
            {
                await subscriber.PublishAsync(bus._redis.Channel, BusWire.Serialize(new BusEnvelope(bus._redis.NodeId, null, null, new BusResync(id, failed))));
                await done.Task.WaitAsync(EchoTimeout, ct);
            }
            catch
            {
                if (failed) Volatile.Write(ref bus._publishFailed, 1);
                throw;
            }
            finally
            {
                lock (_lock) _waiting = null;
            }
            Confirmed = true;
            bus._local.PublishMissedToAll();
            bus._logger.LogInformation("Bus node {Node} is subscribed to Redis; local subscribers reload from the database", bus._redis.NodeId[..8]);
        }
    }
}
