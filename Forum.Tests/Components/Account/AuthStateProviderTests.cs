using System.Security.Claims;
using Forum.App.Components.Account;
using Forum.Data.Realtime;
using Forum.Data.Sessions;
using Forum.Data.Users;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components.Account;

/// <summary>
/// The circuit's auth state (what every component of an open tab sees) follows the member's sessions: live through
/// the bus, and by revalidation as a backstop.
/// </summary>
public sealed class AuthStateProviderTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A circuit signed in as a fresh member, with a recorded session, as a login would leave it.</summary>
    private async Task<(RevalidatingAuthStateProvider Circuit, string UserId, string SessionId)> OpenCircuitAsync(string userName)
    {
        var userId = await app.AddMemberAsync(userName);
        ClaimsPrincipal principal;
        using (var scope = app.Services.CreateScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ForumUser>>();
            principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByIdAsync(userId))!);
        }
        var sessionId = principal.FindFirst(ForumClaims.SessionId)!.Value;
        await app.Get<SessionService>().StartAsync(new NewSession(sessionId, userId, "test"), Ct);
        var circuit = ActivatorUtilities.CreateInstance<RevalidatingAuthStateProvider>(app.Services);
        circuit.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return (circuit, userId, sessionId);
    }

    private static async Task<bool> IsSignedInAsync(AuthenticationStateProvider circuit) =>
        (await circuit.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

    /// <summary>Bus subscribers run after PublishAsync returns: wait for the effect, with a limit.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still not {what} after 5 s");
            await Task.Delay(20, Ct);
        }
    }

    private static Task WaitUntilSignedOutAsync(AuthenticationStateProvider circuit) =>
        WaitForAsync(async () => !await IsSignedInAsync(circuit), "signed out");

    [Fact]
    public async Task SignedOutEverywhere_SignsTheCircuitOut()
    {
        var (circuit, userId, _) = await OpenCircuitAsync("circuit-everywhere");
        var changed = 0;
        circuit.AuthenticationStateChanged += _ => Interlocked.Increment(ref changed);

        await app.Get<SessionService>().RevokeAllAsync(userId, Ct);

        // Components are told (so they re-render as signed out), once.
        await WaitForAsync(() => Task.FromResult(Volatile.Read(ref changed) == 1), "told");
        Assert.False(await IsSignedInAsync(circuit));
        ((IDisposable)circuit).Dispose();
    }

    [Fact]
    public async Task OwnSessionSignedOut_SignsTheCircuitOut()
    {
        var (circuit, userId, sessionId) = await OpenCircuitAsync("circuit-own");

        await app.Get<SessionService>().RevokeAsync(userId, sessionId, Ct);

        await WaitUntilSignedOutAsync(circuit);
        ((IDisposable)circuit).Dispose();
    }

    [Fact]
    public async Task OtherSessionSignedOut_KeepsTheCircuit()
    {
        var (circuit, userId, _) = await OpenCircuitAsync("circuit-other");

        await app.Get<INotificationBus>().PublishAsync(Topics.User(userId), new SignedOut(userId, "another-device"));
        await Task.Delay(300, Ct);

        Assert.True(await IsSignedInAsync(circuit));
        ((IDisposable)circuit).Dispose();
    }

    [Fact]
    public async Task EventsMissed_ChecksTheSessionAndSignsOutIfItEnded()
    {
        var (circuit, userId, sessionId) = await OpenCircuitAsync("circuit-missed");
        var (kept, keptUser, _) = await OpenCircuitAsync("circuit-missed-kept");
        await EndBehindTheBusAsync(sessionId);

        await app.Get<INotificationBus>().PublishAsync(Topics.User(userId), EventsMissed.Instance);
        await app.Get<INotificationBus>().PublishAsync(Topics.User(keptUser), EventsMissed.Instance);

        await WaitUntilSignedOutAsync(circuit);
        await Task.Delay(300, Ct);
        Assert.True(await IsSignedInAsync(kept));
        ((IDisposable)circuit).Dispose();
        ((IDisposable)kept).Dispose();
    }

    [Fact]
    public async Task Backstop_ItsTurnSignsOutACircuitWhoseSessionEndedUnheard_AndAClosedCircuitLeavesIt()
    {
        var backstop = app.Get<SessionBackstop>();
        var before = backstop.Count;
        var (circuit, _, sessionId) = await OpenCircuitAsync("circuit-backstop");
        var (kept, _, _) = await OpenCircuitAsync("circuit-backstop-kept");
        await WaitForAsync(() => Task.FromResult(backstop.Count == before + 2), "registered with the backstop");
        await EndBehindTheBusAsync(sessionId);

        // Not yet its turn: nothing is asked, the circuit stays as it is until the backstop's interval has passed.
        await backstop.RunDueAsync(DateTimeOffset.UtcNow, Ct);
        Assert.True(await IsSignedInAsync(circuit));
        await backstop.RunDueAsync(DateTimeOffset.UtcNow + SessionBackstop.Interval * 1.3, Ct);

        await WaitUntilSignedOutAsync(circuit);
        Assert.True(await IsSignedInAsync(kept));
        ((IDisposable)kept).Dispose();
        ((IDisposable)circuit).Dispose();
        Assert.Equal(before, backstop.Count);
    }

    /// <summary>Ends a session without an event (say, on another node before Redis delivered it).</summary>
    private async Task EndBehindTheBusAsync(string sessionId)
    {
        await using var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Forum.Data.ForumDbContext>>().CreateDbContextAsync(Ct);
        var row = await db.UserSessions.FindAsync([sessionId], Ct);
        row!.RevokedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Revalidation_FailsOnceTheSessionEndsOrTheStampChanges()
    {
        var (circuit, userId, sessionId) = await OpenCircuitAsync("circuit-revalidate");
        var principal = (await circuit.GetAuthenticationStateAsync()).User;
        Assert.True(await circuit.IsStillSignedInAsync(principal, Ct));

        await EndBehindTheBusAsync(sessionId);
        Assert.False(await circuit.IsStillSignedInAsync(principal, Ct));

        var (second, secondUser, _) = await OpenCircuitAsync("circuit-stamp");
        var secondPrincipal = (await second.GetAuthenticationStateAsync()).User;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(secondUser))!); // a password change, a ban
        }
        Assert.False(await second.IsStillSignedInAsync(secondPrincipal, Ct));
        ((IDisposable)circuit).Dispose();
        ((IDisposable)second).Dispose();
    }
}
