using Forum.Data.Realtime;
using Forum.Data.Realtime.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.App.Hosting;

/// <summary>
/// The bus as this node sees it: in-process (one node), or Redis with this node's id, the round trip, and whether its
/// subscription carries events. Redis away is Degraded, not Unhealthy: the node still serves and writes; its live updates
/// reach only its own circuits until Redis is back, and then every subscriber reloads.
/// </summary>
public sealed class BusHealthCheck(INotificationBus bus, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var node = new Dictionary<string, object> { ["machine"] = Environment.MachineName, ["process"] = Environment.ProcessId };
        if (bus is not RedisNotificationBus redisBus)
        {
            node["mode"] = "in-process";
            return HealthCheckResult.Healthy("In-process bus: this node runs alone", node);
        }
        node["mode"] = "redis";
        node["node"] = redisBus.NodeId;
        var (published, received, failed) = redisBus.Counters;
        (node["published"], node["received"], node["publishFailures"]) = (published, received, failed);
        var redis = services.GetRequiredService<RedisConnection>();
        try
        {
            var latency = await redis.Database.PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct);
            node["pingMilliseconds"] = Math.Round(latency.TotalMilliseconds, 2);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"Redis unreachable: {ex.Message}; live updates stay on this node", ex, node);
        }
        node["subscribed"] = redisBus.Subscribed;
        return redisBus.Subscribed
            ? HealthCheckResult.Healthy("Redis bus: connected and subscribed", node)
            : HealthCheckResult.Degraded("Redis answers but this node's subscription is not confirmed yet", null, node);
    }
}
