using System.Net.WebSockets;
using Forum.App.Features.Api.Tokens;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forum.Tests.Realtime;

/// <summary>A connection lives as long as its token (plus the allowed clock skew), unless the socket sends a fresh one.</summary>
public sealed class TokenExpiryTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task TokenExpiry_ClosesSocketsAndStreams_ButNotASocketThatSentAFreshToken()
    {
        var options = app.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
        await using var stale = await app.SignedInSocketAsync("alice");
        await using var renewed = await app.SignedInSocketAsync("alice");
        await using var stream = await LiveStream.OpenAsync(app.BaseUrl, await app.TokenAsync("alice"));
        await stream.NextAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(options.LifetimeMinutes - 5));
        await renewed.AuthAsync(await app.TokenAsync("alice"));
        await stale.SyncAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(options.ClockSkewSeconds + 1));

        Assert.Contains("token expired", (await stale.NextAsync("error", 5_000)).GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await stale.ClosedAsync(5_000));
        await stream.EndedAsync(5_000);
        await renewed.SyncAsync();
        Assert.Equal(WebSocketState.Open, renewed.State);
    }
}
