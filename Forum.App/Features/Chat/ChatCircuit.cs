using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Forum.App.Features.Chat;

/// <summary>
/// Tells chat views of this circuit when its connection drops and when it comes back: while it is down the member is
/// not in the room (the browser is gone, maybe for good), and when it is back the view reads what it may have missed
/// from the database (after the last id it shows). Driven by the circuit's own events: nothing polls.
/// </summary>
public sealed class ChatCircuit : CircuitHandler
{
    private readonly Lock _lock = new();
    private readonly List<Func<bool, Task>> _listeners = [];
    private bool _down;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _down = true;
        return ChangedAsync(up: false);
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The first connection is no news; a connection after a drop is a reconnect.
        if (!_down) return Task.CompletedTask;
        _down = false;
        return ChangedAsync(up: true);
    }

    /// <summary>Calls every listener, as a drop (<paramref name="up"/> false) or a reconnect does (tests call it directly).</summary>
    public Task ChangedAsync(bool up)
    {
        Func<bool, Task>[] listeners;
        lock (_lock) listeners = [.. _listeners];
        return Task.WhenAll(listeners.Select(l => l(up)));
    }

    /// <summary>Calls <paramref name="listener"/> after each drop (false) and reconnect (true) until the result is disposed.</summary>
    public IDisposable OnConnectionChanged(Func<bool, Task> listener)
    {
        lock (_lock) _listeners.Add(listener);
        return new Unsubscriber(this, listener);
    }

    private sealed class Unsubscriber(ChatCircuit circuit, Func<bool, Task> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (circuit._lock) circuit._listeners.Remove(listener);
        }
    }
}
