using System.Net;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>/api/stream (EventSource): the member's notifications and count, resumable with Last-Event-ID.</summary>
public sealed class StreamTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Stream_WithoutToken_Answers401Problem()
    {
        await using var stream = await LiveStream.OpenAsync(app.BaseUrl, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, stream.Response.StatusCode);
        Assert.Equal("application/problem+json", stream.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_TokenInQuery_IsAcceptedAsBrowsersSendIt()
    {
        await using var stream = await LiveStream.OpenAsync(app.BaseUrl, await app.TokenAsync("alice"), inQuery: true);

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", stream.Response.Headers.CacheControl?.ToString());
        Assert.Equal("message", (await stream.NextAsync()).Event);
    }

    [Fact]
    public async Task Stream_MalformedLastEventId_Answers400()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/stream");
        request.Headers.Authorization = new("Bearer", await app.TokenAsync("alice"));
        request.Headers.Add("Last-Event-ID", "yesterday");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Stream_ReconnectWithLastEventId_SendsTheMissedNotificationsOnceThenTheCountThenLiveEvents()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var token = await app.TokenAsync(thread.Owner);
        string lastId;
        await using (var first = await LiveStream.OpenAsync(app.BaseUrl, token))
        {
            Assert.Equal("""{"count":0,"version":0}""", (await first.NextAsync()).Data);
            await thread.CommentAsync("seen 1");
            await thread.CommentAsync("seen 2");
            Assert.Equal("notification", (await first.NextAsync()).Event);
            Assert.Equal("message", (await first.NextAsync()).Event);
            var seen = await first.NextAsync();
            Assert.Equal(("notification", "seen 2"), (seen.Event, seen.Json.GetProperty("excerpt").GetString()));
            lastId = seen.Id!;
            Assert.Equal("""{"count":2,"version":2}""", (await first.NextAsync()).Data);
        }
        await thread.CommentAsync("missed 1");
        await thread.CommentAsync("missed 2");

        await using var second = await LiveStream.OpenAsync(app.BaseUrl, token, long.Parse(lastId));

        Assert.Equal(["missed 1", "missed 2"], [(await second.NextAsync()).Json.GetProperty("excerpt").GetString(),
            (await second.NextAsync()).Json.GetProperty("excerpt").GetString()]);
        Assert.Equal(("message", """{"count":4,"version":4}"""), await EventAsync(second));
        await thread.CommentAsync("live");
        Assert.Equal("live", (await second.NextAsync()).Json.GetProperty("excerpt").GetString());
        Assert.Equal(("message", """{"count":5,"version":5}"""), await EventAsync(second));
        await second.ExpectQuietAsync();
    }

    private static async Task<(string, string)> EventAsync(LiveStream stream)
    {
        var e = await stream.NextAsync();
        return (e.Event, e.Data);
    }
}
