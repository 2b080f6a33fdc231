using System.Net.WebSockets;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>Short timers, so the shared sweeper's work shows within seconds.</summary>
public sealed class ShortTimersApp() : LiveAppFactory(new Dictionary<string, string?>
{
    ["Forum:Realtime:AuthTimeoutSeconds"] = "1",
    ["Forum:Realtime:HeartbeatSeconds"] = "2",
    ["Forum:Realtime:StreamKeepAliveSeconds"] = "1",
});

/// <summary>Auth timeout, heartbeat and keep-alive, all from the one sweeper (no timer per connection).</summary>
public sealed class SocketTimersTests(ShortTimersApp app) : IClassFixture<ShortTimersApp>
{
    [Fact]
    public async Task Socket_NoAuthWithinTheTimeout_IsClosed1008()
    {
        await using var socket = await app.SocketAsync();

        Assert.Equal("No auth within 1 seconds.", (await socket.NextAsync("error", 5_000)).GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.ClosedAsync(5_000));
        Assert.Equal("auth timeout", socket.CloseDescription);
    }

    [Fact]
    public async Task Socket_NeverAnsweringPings_IsTerminatedAndCounted()
    {
        using var meter = new MeterProbe(app.Services);
        await using var silent = await app.SignedInSocketAsync("alice");
        silent.AnswerPings = false;

        var closed = await silent.ClosedAsync(15_000);

        Assert.Null(closed); // cut, no close handshake: the client is presumed dead
        Assert.Equal(1, silent.Pings);
        Assert.Equal(1, meter.Sum("forum.realtime.heartbeat_terminations"));
    }

    [Fact]
    public async Task Socket_AnsweringPings_StaysOpen()
    {
        using var meter = new MeterProbe(app.Services);
        await using var alive = await app.SignedInSocketAsync("bob");

        await Task.Delay(7_000, TestContext.Current.CancellationToken);

        Assert.Equal(WebSocketState.Open, alive.State);
        Assert.InRange(alive.Pings, 2, 4);
        Assert.Equal(0, meter.Sum("forum.realtime.heartbeat_terminations"));
    }

    [Fact]
    public async Task Stream_Idle_GetsAKeepAliveCommentLineEverySecond()
    {
        await using var stream = await LiveStream.OpenAsync(app.BaseUrl, await app.TokenAsync("carol"));
        Assert.Equal("message", (await stream.NextAsync()).Event);

        await Eventually.TrueAsync(() => stream.Comments >= 2, "two keep-alive comments", 6_000);
        await stream.ExpectQuietAsync(); // comments are not events
    }
}
