using Forum.App.Features.Realtime.Sockets;
using Forum.Data.Chat;

namespace Forum.App.Features.Realtime.Chat;

/// <summary>
/// A socket's chat: the rooms it joined and whom its member ignores, made on its first <c>join</c> (a socket that never
/// chats holds none of it). The ignore set is read from the database once and then follows <see cref="IgnoreChanged"/>
/// on the member's topic, so every room message from an ignored member is dropped before it is queued.
/// </summary>
internal sealed class SocketChat(SocketConnection socket)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RoomListener> _rooms = new(StringComparer.Ordinal);
    private IReadOnlySet<string> _ignored = None;
    private bool _loaded;
    private bool _stale;
    private bool _closed;

    /// <summary>Whether the member ignores <paramref name="userId"/>; called by every room fan-out, so lock-free.</summary>
    public bool Ignores(string userId)
    {
        var ignored = Volatile.Read(ref _ignored);
        return ignored.Count != 0 && ignored.Contains(userId);
    }

    /// <summary>Reads whom the member ignores, once; a change published while it reads makes it read again.</summary>
    public async Task LoadIgnoresAsync(Func<Task<IReadOnlySet<string>>> read)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_loaded) return;
                _stale = false;
            }
            var ignored = await read();
            lock (_lock)
            {
                if (_stale) continue;
                Volatile.Write(ref _ignored, ignored);
                _loaded = true;
                return;
            }
        }
    }

    public void OnIgnoreChanged(IgnoreChanged change)
    {
        lock (_lock)
        {
            if (!_loaded)
            {
                _stale = true;
                return;
            }
            var ignored = new HashSet<string>(_ignored, StringComparer.Ordinal);
            if (change.Ignoring) ignored.Add(change.OtherUserId);
            else ignored.Remove(change.OtherUserId);
            Volatile.Write(ref _ignored, ignored);
        }
    }

    /// <summary>
    /// The socket's listener for <paramref name="room"/>, added to the fan-out and holding live entries for a history;
    /// null when the socket is in as many rooms as it may be, or closing.
    /// </summary>
    public (RoomListener? Listener, bool Added) Join(string room, ChatFanout fanout, int maxRooms)
    {
        RoomListener listener;
        lock (_lock)
        {
            if (_closed) return (null, false);
            if (_rooms.TryGetValue(room, out var joined))
            {
                joined.BeginHistory();
                return (joined, false);
            }
            if (_rooms.Count >= maxRooms) return (null, false);
            listener = new RoomListener(room, socket, this, fanout);
            _rooms[room] = listener;
        }
        fanout.Add(listener);
        return (listener, true);
    }

    public bool IsIn(string room)
    {
        lock (_lock) return _rooms.ContainsKey(room);
    }

    /// <summary>Leaves the room (its presence and its fan-out); nothing when the socket was not in it.</summary>
    public void Leave(string room)
    {
        RoomListener? listener;
        lock (_lock)
            if (!_rooms.Remove(room, out listener)) return;
        listener.Dispose();
    }

    /// <summary>The socket is closing: out of every room.</summary>
    public void Close()
    {
        List<RoomListener> rooms;
        lock (_lock)
        {
            _closed = true;
            rooms = [.. _rooms.Values];
            _rooms.Clear();
        }
        foreach (var listener in rooms) listener.Dispose();
    }
}
