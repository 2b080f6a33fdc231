using Forum.App.Components.Account;
using Forum.Data.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Forum.App.Features.Chat;

/// <summary>
/// Counts the circuit's member as online (<see cref="Places.Site"/>) while its connection is up: entered on connection
/// up, left on connection down or circuit close, and moved along when the circuit signs in or out. Presence counts a
/// member once however many tabs are open, so the member stays online until the last one goes. Driven by the circuit's
/// own events: nothing polls. Visitors are not members and are not counted.
/// </summary>
internal sealed class PresenceCircuitHandler(AuthenticationStateProvider auth, IPresence presence) : CircuitHandler, IDisposable
{
    private readonly Lock _lock = new();
    private PresenceMember? _member;
    private bool _connected;
    private bool _closed;
    private IDisposable? _here;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        auth.AuthenticationStateChanged += OnAuthenticationStateChanged;
        var member = MemberOf((await auth.GetAuthenticationStateAsync()).User);
        lock (_lock)
        {
            _member = member;
            Update();
        }
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => Set(connected: true);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => Set(connected: false);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        auth.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        lock (_lock)
        {
            _closed = true;
            Update();
        }
    }

    private Task Set(bool connected)
    {
        lock (_lock)
        {
            _connected = connected;
            Update();
        }
        return Task.CompletedTask;
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            var member = MemberOf((await state).User);
            lock (_lock)
            {
                if (member?.UserId == _member?.UserId) return;
                _member = member;
                _here?.Dispose();
                _here = null;
                Update();
            }
        }
        catch (Exception)
        {
            // A failed state task leaves presence as it was; the next connection event settles it.
        }
    }

    /// <summary>In the site exactly while a member's circuit is open and connected. Called under the lock.</summary>
    private void Update()
    {
        var online = !_closed && _connected && _member is not null;
        if (online && _here is null) _here = presence.Enter(Places.Site, _member!);
        else if (!online && _here is not null)
        {
            _here.Dispose();
            _here = null;
        }
    }

    private static PresenceMember? MemberOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.UserId() is { } id ? new PresenceMember(id, user.DisplayNameOf(), user.Identity?.Name) : null;
}
