using System.Security.Claims;
using Forum.App.Components.Account;
using Forum.App.Features.Chat;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components.Chat;

/// <summary>The circuit handler puts a circuit's member online while its connection is up, and takes them off after.</summary>
public sealed class PresenceCircuitHandlerTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private readonly RecordingBus _bus = new();
    private readonly InProcessPresence _presence;

    public PresenceCircuitHandlerTests() => _presence = new InProcessPresence(_bus);

    [Fact]
    public async Task Circuit_ConnectionUpDownAndClosed_MemberOnlineOnlyWhileConnected()
    {
        var (handler, _) = Open(Member("alice-id", "Alice", "alice"));
        await handler.OnCircuitOpenedAsync(null!, Ct);
        Assert.False(Online("alice-id"));

        await handler.OnConnectionUpAsync(null!, Ct);
        Assert.True(Online("alice-id"));
        Assert.Equal(("alice", "Alice"), (_presence.Members(Places.Site)[0].UserName, _presence.Members(Places.Site)[0].DisplayName));

        await handler.OnConnectionDownAsync(null!, Ct);
        Assert.False(Online("alice-id"));
        await handler.OnConnectionUpAsync(null!, Ct); // reconnected
        Assert.True(Online("alice-id"));

        await handler.OnCircuitClosedAsync(null!, Ct);
        Assert.False(Online("alice-id"));
        handler.Dispose();
        Assert.Equal([true, false, true, false], _bus.EventsOn<PresenceChanged>(Topics.Presence(Places.Site)).Select(e => e.Joined));
    }

    [Fact]
    public async Task ThreeTabs_OnePersonOnlineUntilTheLastCloses()
    {
        var tabs = new List<PresenceCircuitHandler>();
        for (var i = 0; i < 3; i++)
        {
            var (tab, _) = Open(Member("alice-id", "Alice", "alice"));
            await tab.OnCircuitOpenedAsync(null!, Ct);
            await tab.OnConnectionUpAsync(null!, Ct);
            tabs.Add(tab);
        }
        Assert.Equal(1, _presence.Count(Places.Site));

        await tabs[0].OnCircuitClosedAsync(null!, Ct);
        await tabs[1].OnConnectionDownAsync(null!, Ct);
        Assert.True(Online("alice-id"));

        await tabs[2].OnCircuitClosedAsync(null!, Ct);
        Assert.False(Online("alice-id"));
    }

    [Fact]
    public async Task VisitorCircuit_IsNotCounted()
    {
        var (handler, _) = Open(new ClaimsPrincipal(new ClaimsIdentity()));

        await handler.OnCircuitOpenedAsync(null!, Ct);
        await handler.OnConnectionUpAsync(null!, Ct);

        Assert.Equal(0, _presence.Count(Places.Site));
    }

    [Fact]
    public async Task SignOutAndInWithinTheCircuit_PresenceFollowsTheMember()
    {
        var (handler, auth) = Open(Member("alice-id", "Alice", "alice"));
        await handler.OnCircuitOpenedAsync(null!, Ct);
        await handler.OnConnectionUpAsync(null!, Ct);

        auth.Set(new ClaimsPrincipal(new ClaimsIdentity()));
        await Eventually.TrueAsync(() => !Online("alice-id"), "Alice offline after signing out");

        auth.Set(Member("bob-id", "Bob", "bob"));
        await Eventually.TrueAsync(() => Online("bob-id"), "Bob online after signing in");
        Assert.Equal(1, _presence.Count(Places.Site));
    }

    [Fact]
    public void App_RegistersTheHandlerPerCircuit()
    {
        using var app = new ForumAppFactory();
        using var one = app.Services.CreateScope();
        using var two = app.Services.CreateScope();

        var first = Assert.Single(one.ServiceProvider.GetServices<CircuitHandler>().OfType<PresenceCircuitHandler>());
        var second = Assert.Single(two.ServiceProvider.GetServices<CircuitHandler>().OfType<PresenceCircuitHandler>());
        Assert.NotSame(first, second);
    }

    private bool Online(string userId) => _presence.IsPresent(Places.Site, userId);

    private (PresenceCircuitHandler, FakeAuth) Open(ClaimsPrincipal user)
    {
        var auth = new FakeAuth(user);
        return (new PresenceCircuitHandler(auth, _presence), auth);
    }

    private static ClaimsPrincipal Member(string id, string displayName, string userName) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, userName), new Claim(ForumClaims.DisplayName, displayName)],
        "test"));

    private sealed class FakeAuth(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        private Task<AuthenticationState> _state = Task.FromResult(new AuthenticationState(user));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state;

        public void Set(ClaimsPrincipal next)
        {
            _state = Task.FromResult(new AuthenticationState(next));
            NotifyAuthenticationStateChanged(_state);
        }
    }
}
