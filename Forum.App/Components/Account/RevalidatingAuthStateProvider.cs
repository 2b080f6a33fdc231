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
/// and the security stamp about every 10 minutes, as a backstop for an event it could have missed (a missed event on the
/// bus already triggers a re-check at once). Not every minute: at 10,000 open circuits that was 167 checks a second,
/// a fifth of the server's idle core (docs/BENCHMARKS.md); each circuit's interval is jittered so they do not bunch up.
/// </summary>
internal sealed class RevalidatingAuthStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly Task<AuthenticationState> Anonymous = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly INotificationBus _bus;
    private readonly Lock _lock = new();
    private IDisposable? _sessionSubscription;

    public RevalidatingAuthStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, INotificationBus bus)
        : base(loggerFactory)
    {
        (_scopeFactory, _options, _bus) = (scopeFactory, options, bus);
        AuthenticationStateChanged += FollowSession;
    }

    public static readonly TimeSpan Backstop = TimeSpan.FromMinutes(10);

    protected override TimeSpan RevalidationInterval => Backstop * (0.75 + Random.Shared.NextDouble() / 2);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        IsStillSignedInAsync(state.User, ct);

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
            _sessionSubscription?.Dispose();
            _sessionSubscription = userId is null || sessionId is null ? null
                : _bus.Subscribe(Topics.User(userId), async e =>
                {
                    // SessionId null: the member signed out everywhere. Missed events may have held a sign-out: ask the database.
                    if (e is SignedOut ended && (ended.SessionId is null || ended.SessionId == sessionId)
                        || e is EventsMissed && !await IsStillSignedInAsync(user, CancellationToken.None))
                        SetAuthenticationState(Anonymous);
                }, wants: e => e is SignedOut);
        }
    }

    protected override void Dispose(bool disposing)
    {
        AuthenticationStateChanged -= FollowSession;
        lock (_lock) _sessionSubscription?.Dispose();
        base.Dispose(disposing);
    }
}
