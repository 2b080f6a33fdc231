using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forum.Data.Realtime.Redis;

public static class RedisBusExtensions
{
    /// <summary>
    /// With "Forum:Bus:Redis" set, the bus and presence go through Redis (every node sees every write and every
    /// reader); without it nothing changes. Call after <see cref="DataExtensions.AddForumServices"/>. The choice is made
    /// when the bus is first asked for, from the bound options, so settings a host adds late (tests) still count.
    /// </summary>
    public static IServiceCollection AddForumRedisBus(this IServiceCollection services)
    {
        services.AddOptions<RedisBusOptions>().BindConfiguration(RedisBusOptions.Section)
            .Validate(o => o.PresenceTtlSeconds >= 3, "Forum:Bus:PresenceTtlSeconds must be at least 3").ValidateOnStart();
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisNotificationBus>();
        services.TryAddSingleton<InProcessNotificationBus>();
        services.TryAddSingleton<InProcessPresence>();
        services.RemoveAll<INotificationBus>();
        services.AddSingleton<INotificationBus>(sp => Enabled(sp)
            ? sp.GetRequiredService<RedisNotificationBus>() : sp.GetRequiredService<InProcessNotificationBus>());
        services.RemoveAll<IPresence>();
        // The real clock, whatever the host's TimeProvider: entries expire in the time every node shares.
        services.AddSingleton<IPresence>(sp => Enabled(sp)
            ? new RedisPresence(sp.GetRequiredService<INotificationBus>(), sp.GetRequiredService<RedisConnection>(), TimeProvider.System,
                sp.GetRequiredService<ILogger<RedisPresence>>())
            : sp.GetRequiredService<InProcessPresence>());
        services.AddHostedService<RedisBusStarter>();
        return services;
    }

    private static bool Enabled(IServiceProvider services) => services.GetRequiredService<IOptions<RedisBusOptions>>().Value.Enabled;

    /// <summary>Subscribes the node when the host starts (without waiting for Redis, which may be down).</summary>
    private sealed class RedisBusStarter(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            if (services.GetRequiredService<INotificationBus>() is RedisNotificationBus bus)
            {
                bus.Start();
                _ = services.GetRequiredService<IPresence>();
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
