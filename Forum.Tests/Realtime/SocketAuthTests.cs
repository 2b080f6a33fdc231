using System.Net.WebSockets;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>/ws auth (PROTOCOL.md): the API's token check, answered "auth is ok" or "noauth" and a 1008 close.</summary>
public sealed class SocketAuthTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Auth_IssuedToken_AnswersAuthIsOk()
    {
        await using var socket = await app.SocketAsync();

        await socket.SendAsync("auth", $"Bearer {await app.TokenAsync("alice")}");

        Assert.Equal(("auth", "auth is ok"), LiveSocket.Describe(await socket.NextAsync()));
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer ")]
    [InlineData("Basic abc")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Auth_BadToken_AnswersNoAuthAndCloses1008(string? message)
    {
        await using var socket = await app.SocketAsync();

        await socket.SendAsync("auth", message);

        Assert.Equal(("noauth", "auth is fail"), LiveSocket.Describe(await socket.NextAsync()));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.ClosedAsync());
    }

    [Fact]
    public async Task Auth_TokenOfAnotherKeyOrTampered_AnswersNoAuth()
    {
        var token = await app.TokenAsync("bob");
        var parts = token.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}x.{parts[2]}";
        await using var socket = await app.SocketAsync();

        await socket.SendAsync("auth", $"Bearer {tampered}");

        Assert.Equal("noauth", LiveSocket.Describe(await socket.NextAsync()).Event);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.ClosedAsync());
    }

    [Fact]
    public async Task BeforeAuth_OtherEvents_GetAnErrorAndTheSocketStaysUsable()
    {
        await using var socket = await app.SocketAsync();

        await socket.SendAsync("subscribe", 1);
        await socket.SendAsync("resume", 0);

        Assert.Contains("auth first", (await socket.NextAsync("error")).GetString());
        Assert.Contains("auth first", (await socket.NextAsync("error")).GetString());
        await socket.AuthAsync(await app.TokenAsync("alice"));
    }

    [Fact]
    public async Task Auth_AgainWithAnotherMembersToken_IsRefusedAndKeepsTheFirstMember()
    {
        await using var socket = await app.SignedInSocketAsync("alice");

        await socket.SendAsync("auth", $"Bearer {await app.TokenAsync("bob")}");

        Assert.Contains("another member", (await socket.NextAsync("error")).GetString());
        await socket.SendAsync("auth", $"Bearer {await app.TokenAsync("alice")}");
        Assert.Equal(("auth", "auth is ok"), LiveSocket.Describe(await socket.NextAsync()));
    }

    [Fact]
    public async Task PlainHttpRequest_To_Ws_Answers400WithAHint()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var response = await client.GetAsync("/ws", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebSocket", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
