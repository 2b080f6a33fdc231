using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Forum.Tests.Realtime.Redis;

/// <summary>What Forum:Bus:Redis turns on, and what a node configured for it refuses to run without.</summary>
public sealed class ScaleOutSettingsTests
{
    [Fact]
    public async Task Node_WithRedisButNoJwtKey_RefusesToStart()
    {
        // Nothing listens on port 1: the node must refuse before it ever needs Redis.
        await using var node = new LiveAppFactory(new Dictionary<string, string?> { ["Forum:Bus:Redis"] = "127.0.0.1:1,connectTimeout=200" });

        var error = Assert.ThrowsAny<Exception>(() => node.StartKestrel());

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException a ? a.InnerException : error);
        Assert.Contains("Forum:Jwt:Key", validation.Message);
    }

    [Fact]
    public async Task Node_WithoutRedis_RunsAloneOnTheInProcessBusAndPresence()
    {
        await using var node = new ForumAppFactory();

        Assert.IsType<InProcessNotificationBus>(node.Get<INotificationBus>());
        Assert.IsType<InProcessPresence>(node.Get<IPresence>());
    }
}
