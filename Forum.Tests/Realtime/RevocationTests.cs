using System.Net.WebSockets;
using Forum.Data.Sessions;
using Forum.Data.Users;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Realtime;

/// <summary>A revoked token ends the live connections it opened, within seconds (PROTOCOL.md).</summary>
public sealed class RevocationTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task PasswordChange_EndsOpenSocketAndStreamWithinSeconds_AndANewTokenWorks()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var token = await app.TokenAsync(thread.Owner);
        await using var socket = await app.SocketAsync();
        await socket.AuthAsync(token);
        await using var stream = await LiveStream.OpenAsync(app.BaseUrl, token);
        await stream.NextAsync();

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            var owner = (await users.FindByIdAsync(thread.OwnerId))!;
            Assert.True((await users.ChangePasswordAsync(owner, AccountClient.Password, AccountClient.Password + "x")).Succeeded);
        }

        Assert.Contains("revoked", (await socket.NextAsync("error", 5_000)).GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.ClosedAsync(5_000));
        await stream.EndedAsync(5_000);
        await using var again = await app.SocketAsync();
        await again.SendAsync("auth", $"Bearer {token}");
        Assert.Equal("noauth", LiveSocket.Describe(await again.NextAsync()).Event);
        await using var renewed = await app.SignedInSocketAsync(thread.Owner);
    }
}

/// <summary>No periodic re-check within the test's time: sign-out everywhere must act through its bus event.</summary>
public sealed class EventOnlyApp() : LiveAppFactory(new Dictionary<string, string?> { ["Forum:Realtime:RecheckSeconds"] = "3600" });

public sealed class SignOutEverywhereTests(EventOnlyApp app) : IClassFixture<EventOnlyApp>
{
    [Fact]
    public async Task SignOutEverywhere_EndsTheMembersSocketsAndStreams_AndNoOneElses()
    {
        var thread = await LiveScenario.CreateAsync(app);
        await using var owner = await app.SignedInSocketAsync(thread.Owner);
        await using var ownerStream = await LiveStream.OpenAsync(app.BaseUrl, await app.TokenAsync(thread.Owner));
        await ownerStream.NextAsync();
        await using var writer = await app.SignedInSocketAsync(thread.Writer);

        await app.Get<SessionService>().RevokeAllAsync(thread.OwnerId, TestContext.Current.CancellationToken);

        Assert.Contains("revoked", (await owner.NextAsync("error", 5_000)).GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await owner.ClosedAsync(5_000));
        await ownerStream.EndedAsync(5_000);
        await writer.SyncAsync();
        Assert.Equal(WebSocketState.Open, writer.State);
    }
}
