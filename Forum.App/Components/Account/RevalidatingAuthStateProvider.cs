using System.Security.Claims;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.App.Components.Account;

/// <summary>
/// The circuit's signed-in member. It signs the circuit out the moment its browser session logs out (in another
/// tab, say), and re-checks the security stamp while the circuit stays open, so a changed password or a ban ends it.
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

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null) return false;
        var stamp = state.User.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
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
                : _bus.Subscribe(Topics.User(userId), e =>
                {
                    if (e is SignedOut ended && ended.SessionId == sessionId) SetAuthenticationState(Anonymous);
                    return Task.CompletedTask;
                });
        }
    }

    protected override void Dispose(bool disposing)
    {
        AuthenticationStateChanged -= FollowSession;
        lock (_lock) _sessionSubscription?.Dispose();
        base.Dispose(disposing);
    }
}
