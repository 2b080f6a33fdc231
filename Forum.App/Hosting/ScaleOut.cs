using Forum.App.Features.Api.Tokens;
using Forum.Data.Realtime.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Forum.App.Hosting;

/// <summary>
/// What a node needs to be one of several (README, "Running several nodes"): with "Forum:Bus:Redis" set, the Data
/// Protection key ring (cookies, antiforgery tokens, Blazor's protected state) lives in Redis under one application
/// name, so a cookie issued by one node is honoured by every node; and the JWT key must be configured, because a key
/// generated into one node's data directory would make every other node refuse that node's tokens.
/// </summary>
public static class ScaleOut
{
    public const string ApplicationName = "Forum";

    public static IServiceCollection AddForumScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.UsesRedisBus()) return services;
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((o, redis) =>
            o.XmlRepository = new RedisXmlRepository(() => redis.Database, redis.Key("data-protection-keys")));
        services.AddOptions<JwtOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Key),
                "Forum:Bus:Redis is set, so this node is one of several: set Forum:Jwt:Key (at least 32 random bytes) to the same value on every node")
            .ValidateOnStart();
        return services;
    }
}
