using System.Net.WebSockets;
using System.Text;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>Every message is a public door: bad input gets an error or a proper close, never a crash or an effect elsewhere.</summary>
public sealed class SocketInputTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"message\":1}")]
    [InlineData("{\"event\":42}")]
    [InlineData("{\"event\":\"auth\"")]
    [InlineData("")]
    public async Task MalformedMessage_AnswersErrorAndStaysOpen(string text)
    {
        await using var socket = await app.SignedInSocketAsync("alice");

        await socket.SendRawAsync(text);

        Assert.Contains("JSON object", (await socket.NextAsync("error")).GetString());
        await socket.SendAsync("resume", 0); // still served
        Assert.NotEqual("error", LiveSocket.Describe(await socket.NextAsync()).Event);
    }

    [Fact]
    public async Task UnknownEvent_AnswersErrorNamingIt()
    {
        await using var socket = await app.SignedInSocketAsync("alice");

        await socket.SendAsync("teleport", "mars");

        Assert.Equal("Unknown event 'teleport'.", (await socket.NextAsync("error")).GetString());
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Theory]
    [InlineData("subscribe", "\"abc\"")]
    [InlineData("subscribe", "-3")]
    [InlineData("subscribe", "{}")]
    [InlineData("resume", "1.5")]
    [InlineData("resume", "null")]
    [InlineData("heartbeat", "\"ping\"")]
    public async Task WrongMessageForAnEvent_AnswersError(string name, string message)
    {
        await using var socket = await app.SignedInSocketAsync("alice");

        await socket.SendRawAsync($$"""{"event":"{{name}}","message":{{message}}}""");

        Assert.Equal("error", LiveSocket.Describe(await socket.NextAsync()).Event);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task BinaryFrame_ClosesWith1003()
    {
        await using var socket = await app.SignedInSocketAsync("alice");

        await socket.SendBytesAsync([1, 2, 3], WebSocketMessageType.Binary);

        Assert.Contains("text frames", (await socket.NextAsync("error")).GetString());
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, await socket.ClosedAsync());
    }

    [Fact]
    public async Task MessageOf16KB_IsHandled_OneByteMore_ClosesWith1009()
    {
        await using var fits = await app.SignedInSocketAsync("alice");
        await using var over = await app.SignedInSocketAsync("alice");

        await fits.SendRawAsync(Padded(16 * 1024));
        await over.SendRawAsync(Padded(16 * 1024 + 1));

        Assert.Equal("Unknown event 'pad'.", (await fits.NextAsync("error")).GetString());
        Assert.Contains("at most 16384 bytes", (await over.NextAsync("error")).GetString());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await over.ClosedAsync());
        Assert.Equal(WebSocketState.Open, fits.State);
    }

    [Fact]
    public async Task Flood_GetsAnErrorThenA1008Close_AndOtherSocketsAreUntouched()
    {
        var thread = await LiveScenario.CreateAsync(app);
        await using var flooder = await app.SignedInSocketAsync(thread.Owner);
        await using var calm = await app.SignedInSocketAsync(thread.Owner);

        for (var i = 0; i < 60 && flooder.State == WebSocketState.Open; i++)
        {
            try
            {
                await flooder.SendAsync("unsubscribe", 1);
            }
            catch (WebSocketException)
            {
                break; // closed under us: that is the point
            }
        }

        Assert.Contains("Too many messages", (await flooder.NextAsync("error")).GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await flooder.ClosedAsync());
        await thread.CommentAsync();
        Assert.Equal("notification", LiveSocket.Describe(await calm.NextAsync()).Event);
        Assert.Equal(1, (await calm.NextAsync("message")).GetInt32());
    }

    /// <summary>A JSON message of exactly <paramref name="bytes"/> UTF-8 bytes with the unknown event "pad".</summary>
    private static string Padded(int bytes)
    {
        var head = "{\"event\":\"pad\",\"message\":\"";
        var text = head + new string('x', bytes - Encoding.UTF8.GetByteCount(head) - 2) + "\"}";
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(text));
        return text;
    }
}
