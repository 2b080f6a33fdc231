using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Forum.App.Features.Chat;

/// <summary>
/// Tells chat views of this circuit when its connection comes back after a drop, so they read what they may have missed
/// from the database (after the last id they show). Driven by the circuit's own events: nothing polls.
/// </summary>
public sealed class ChatCircuit : CircuitHandler
{
    private readonly Lock _lock = new();
    private readonly List<Func<Task>> _listeners = [];
    private bool _dropped;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _dropped = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_dropped) return Task.CompletedTask;
        _dropped = false;
        return ReconnectedAsync();
    }

    /// <summary>Calls every listener, as a reconnect does (tests call it directly).</summary>
    public Task ReconnectedAsync()
    {
        Func<Task>[] listeners;
        lock (_lock) listeners = [.. _listeners];
        return Task.WhenAll(listeners.Select(l => l()));
    }

    /// <summary>Calls <paramref name="listener"/> after each reconnect until the result is disposed.</summary>
    public IDisposable OnReconnected(Func<Task> listener)
    {
        lock (_lock) _listeners.Add(listener);
        return new Unsubscriber(this, listener);
    }

    private sealed class Unsubscriber(ChatCircuit circuit, Func<Task> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (circuit._lock) circuit._listeners.Remove(listener);
        }
    }
}
