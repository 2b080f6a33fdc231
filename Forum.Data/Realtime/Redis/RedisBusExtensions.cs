using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.Data.Realtime.Redis;

public static class RedisBusExtensions
{
    /// <summary>True when "Forum:Bus:Redis" is set: this node is one of several.</summary>
    public static bool UsesRedisBus(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{RedisBusOptions.Section}:Redis"]);

    /// <summary>
    /// With "Forum:Bus:Redis" set, the bus and presence go through Redis (every node sees every write and every
    /// reader); without it nothing changes. Call after <see cref="DataExtensions.AddForumServices"/>.
    /// </summary>
    public static IServiceCollection AddForumRedisBus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisBusOptions>().BindConfiguration(RedisBusOptions.Section)
            .Validate(o => o.PresenceTtlSeconds >= 3, "Forum:Bus:PresenceTtlSeconds must be at least 3").ValidateOnStart();
        if (!configuration.UsesRedisBus()) return services;
        services.TryAddSingleton<RedisConnection>();
        services.RemoveAll<INotificationBus>();
        services.AddSingleton<RedisNotificationBus>();
        services.AddSingleton<INotificationBus>(sp => sp.GetRequiredService<RedisNotificationBus>());
        services.RemoveAll<IPresence>();
        // The real clock, whatever the host's TimeProvider: entries expire in the time every node shares.
        services.AddSingleton<IPresence>(sp => new RedisPresence(
            sp.GetRequiredService<INotificationBus>(), sp.GetRequiredService<RedisConnection>(), TimeProvider.System,
            sp.GetRequiredService<ILogger<RedisPresence>>()));
        services.AddHostedService<RedisBusStarter>();
        return services;
    }

    /// <summary>Subscribes the node when the host starts (without waiting for Redis, which may be down).</summary>
    private sealed class RedisBusStarter(RedisNotificationBus bus, IPresence presence) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            bus.Start();
            _ = presence;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
