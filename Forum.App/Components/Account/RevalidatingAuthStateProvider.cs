using System.Security.Claims;
using Forum.Data.Realtime;
using Forum.Data.Sessions;
using Forum.Data.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.App.Components.Account;

/// <summary>
/// The circuit's signed-in member. It signs the circuit out the moment its session ends (a logout in another tab, a
/// sign-out-everywhere from another device, a ban), and while the circuit stays open it re-checks the server-side session
/// and the security stamp about every 10 minutes (<see cref="SessionBackstop"/>, one timer for all circuits), as a
/// backstop for an event it could have missed (a missed event on the bus already triggers a re-check at once). Not every
/// minute: at 10,000 open circuits that was 167 checks a second, a fifth of the server's idle core (docs/BENCHMARKS.md).
/// </summary>
internal sealed class RevalidatingAuthStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly Task<AuthenticationState> Anonymous = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly INotificationBus _bus;
    private readonly SessionBackstop _backstop;
    private readonly Lock _lock = new();
    private IDisposable? _sessionSubscription, _backstopRegistration;
    private bool _disposed;

    public RevalidatingAuthStateProvider(IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, INotificationBus bus, SessionBackstop backstop)
    {
        (_scopeFactory, _options, _bus, _backstop) = (scopeFactory, options, bus, backstop);
        AuthenticationStateChanged += FollowSession;
    }

    /// <summary>The backstop's turn: a circuit whose session or stamp no longer holds signs out.</summary>
    private async Task RecheckAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await IsStillSignedInAsync(user, ct)) SetAuthenticationState(Anonymous);
    }

    /// <summary>The session is live and the security stamp unchanged: what a request with this member's cookie would need.</summary>
    internal async Task<bool> IsStillSignedInAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionService>();
        if (!await sessions.IsLiveAsync(principal.FindFirstValue(ForumClaims.SessionId), principal.UserId(), ct)) return false;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null) return false;
        var stamp = principal.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }

    private void FollowSession(Task<AuthenticationState> state) => _ = FollowSessionAsync(state);

    private async Task FollowSessionAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        var (userId, sessionId) = (user.UserId(), user.FindFirstValue(ForumClaims.SessionId));
        lock (_lock)
        {
            // The circuit may close while its state was being followed: nothing may outlive it.
            if (_disposed) return;
            _backstopRegistration?.Dispose();
            _backstopRegistration = user.Identity?.IsAuthenticated == true ? _backstop.Register(ct => RecheckAsync(user, ct)) : null;
            _sessionSubscription?.Dispose();
            _sessionSubscription = userId is null || sessionId is null ? null
                : _bus.Subscribe(Topics.User(userId), e =>
                {
                    // Missed events may have held a sign-out: ask the database, as the backstop would.
                    if (e is EventsMissed) return RecheckAsync(user, CancellationToken.None);
                    SetAuthenticationState(Anonymous);
                    return Task.CompletedTask;
                }, // Only this session's sign-out, or every session's (SessionId null: sign out everywhere), is queued.
                wants: e => e is SignedOut ended && (ended.SessionId is null || ended.SessionId == sessionId));
        }
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= FollowSession;
        lock (_lock)
        {
            _disposed = true;
            _sessionSubscription?.Dispose();
            _backstopRegistration?.Dispose();
        }
    }
}
