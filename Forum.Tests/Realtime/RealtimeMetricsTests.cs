using System.Net;
using System.Text.Json;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>What an operator sees: the Forum.Realtime meter and /health.</summary>
public sealed class RealtimeMetricsTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Meter_CountsOpenSocketsStreamsAndEventsSent()
    {
        using var meter = new MeterProbe(app.Services);
        var thread = await LiveScenario.CreateAsync(app);
        Assert.Equal((0, 0), (meter.Observe("forum.realtime.sockets"), meter.Observe("forum.realtime.streams")));

        var socket = await app.SignedInSocketAsync(thread.Owner);
        var stream = await LiveStream.OpenAsync(app.BaseUrl, await app.TokenAsync(thread.Owner));
        await stream.NextAsync();
        Assert.Equal((1, 1), (meter.Observe("forum.realtime.sockets"), meter.Observe("forum.realtime.streams")));
        await thread.CommentAsync();
        await socket.NextAsync("notification");
        await socket.NextAsync("message");
        await stream.NextAsync();
        await stream.NextAsync();

        // auth ok + notification + message on the socket; count + notification + message on the stream
        Assert.Equal(6, meter.Sum("forum.realtime.events_sent"));
        await socket.DisposeAsync();
        await stream.DisposeAsync();
        await Eventually.TrueAsync(() => meter.Observe("forum.realtime.sockets") == 0 && meter.Observe("forum.realtime.streams") == 0,
            "the closed connections are no longer counted");
    }

    [Fact]
    public async Task Health_ListsEachCheckAsJson()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await using var socket = await app.SignedInSocketAsync("alice");

        var response = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("Healthy", checks["database"].GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["realtime"].GetProperty("status").GetString());
        Assert.True(checks["realtime"].GetProperty("data").GetProperty("sockets").GetInt32() >= 1);
    }
}
