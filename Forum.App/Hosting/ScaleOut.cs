using Forum.App.Features.Api.Tokens;
using Forum.Data;
using Forum.Data.Providers;
using Forum.Data.Realtime.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Forum.App.Hosting;

/// <summary>
/// What a node needs to be one of several (README, "Running several nodes"): with "Forum:Bus:Redis" set, the Data
/// Protection key ring (cookies, antiforgery tokens, Blazor's protected state) is shared under one application name, so
/// a cookie issued by one node is honoured by every node: in PostgreSQL when that is the database (durable, see
/// <see cref="SharedKeys"/>), otherwise in Redis. And the JWT key must be configured, because a key generated into one
/// node's data directory would make every other node refuse that node's tokens.
/// </summary>
public static class ScaleOut
{
    public static IServiceCollection AddForumScaleOut(this IServiceCollection services)
    {
        // Decided from the bound options when first used, like the bus, so late settings (tests) count.
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<RedisBusOptions>>((o, bus) =>
        {
            if (bus.Value.Enabled) o.ApplicationDiscriminator = SharedKeys.ApplicationName;
        });
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<RedisBusOptions>, IOptions<ForumDataOptions>, IServiceProvider>((o, bus, data, sp) =>
        {
            if (!bus.Value.Enabled || data.Value.Provider == DataProvider.Postgres) return;
            var redis = sp.GetRequiredService<RedisConnection>();
            o.XmlRepository = new RedisXmlRepository(() => redis.Database, redis.Key("data-protection-keys"));
        });
        services.AddOptions<JwtOptions>()
            .Validate<IOptions<RedisBusOptions>>((o, bus) => !bus.Value.Enabled || !string.IsNullOrWhiteSpace(o.Key),
                "Forum:Bus:Redis is set, so this node is one of several: set Forum:Jwt:Key (at least 32 random bytes) to the same value on every node")
            .ValidateOnStart();
        return services;
    }
}
