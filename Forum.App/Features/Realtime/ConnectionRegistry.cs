using System.Buffers;

namespace Forum.App.Features.Realtime;

/// <summary>
/// Every open socket and stream, so that one sweeper can serve them all (heartbeats, timeouts, re-checks) instead of a
/// timer each. A slot array: eight bytes per connection, and a sweep walks it without locking out new connections.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly Lock _lock = new();
    private readonly Stack<int> _free = new();
    private LiveConnection?[] _slots = new LiveConnection?[64];
    private int _used;
    private int _sockets;
    private int _streams;

    public int Sockets => Volatile.Read(ref _sockets);
    public int Streams => Volatile.Read(ref _streams);

    public void Add(LiveConnection connection)
    {
        lock (_lock)
        {
            if (connection.Slot >= 0) return;
            var slot = _free.Count > 0 ? _free.Pop() : _used++;
            if (slot == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
            _slots[slot] = connection;
            connection.Slot = slot;
            if (connection.Transport == Transport.Socket) _sockets++;
            else _streams++;
        }
    }

    public void Remove(LiveConnection connection)
    {
        lock (_lock)
        {
            if (connection.Slot < 0) return;
            _slots[connection.Slot] = null;
            _free.Push(connection.Slot);
            connection.Slot = -1;
            if (connection.Transport == Transport.Socket) _sockets--;
            else _streams--;
        }
    }

    /// <summary>The open connections now, in a pooled array: give it back with <see cref="Return"/>.</summary>
    public ArraySegment<LiveConnection> Snapshot()
    {
        lock (_lock)
        {
            var copy = ArrayPool<LiveConnection>.Shared.Rent(Math.Max(_used, 1));
            var count = 0;
            for (var i = 0; i < _used; i++)
                if (_slots[i] is { } c) copy[count++] = c;
            return new ArraySegment<LiveConnection>(copy, 0, count);
        }
    }

    public static void Return(ArraySegment<LiveConnection> snapshot) =>
        ArrayPool<LiveConnection>.Shared.Return(snapshot.Array!, clearArray: true);
}
