using Forum.App.Features.Realtime.Sockets;

namespace Forum.App.Features.Realtime.Chat;

/// <summary>
/// One socket in one room. While the socket's <c>history</c> is being read, live entries wait here instead of going out:
/// a message is committed before it is published, so one that arrives during the read is either in what the read found
/// (its id is at most the last id read, and it is dropped) or goes out after the history. Entries are kept up to
/// <see cref="PendingMax"/>; past that the chat ones are dropped and the history reads on from the database, which holds
/// them all, so a burst during a join costs no memory and loses nothing.
/// </summary>
internal sealed class RoomListener(string room, SocketConnection socket, SocketChat chat, ChatFanout fanout) : IDisposable
{
    private const int PendingMax = 256;

    private readonly Lock _lock = new();
    private List<RoomEntry>? _pending = [];
    private bool _overflowed;
    private long _through;
    private bool _closed;
    private IDisposable? _presence;

    public string Room { get; } = room;

    /// <summary>On the fan-out's thread: send, hold while a history is read, or drop (ignored sender, already in a history).</summary>
    public void Deliver(in RoomEntry entry)
    {
        if (entry.SenderId is { } sender && chat.Ignores(sender)) return;
        lock (_lock)
        {
            if (_closed) return;
            if (_pending is not null)
            {
                Hold(entry);
                return;
            }
            if (entry.ChatId != 0 && entry.ChatId <= _through) return;
            socket.Send(entry.Frame);
        }
    }

    /// <summary>The room's bus queue overflowed: events were lost, and only the database has them.</summary>
    public void Missed()
    {
        lock (_lock)
        {
            if (_closed) return;
            // A history being read will read on past what was lost.
            if (_pending is not null)
            {
                _overflowed = true;
                return;
            }
        }
        socket.SendError($"Some messages of {Room} were missed: join it again with \"after\" set to the last message id you have.");
    }

    /// <summary>Counts the member in the room (after the listener is added, so the socket hears its own <c>joined</c>, after its history).</summary>
    public void Enter(Forum.Data.Realtime.IPresence presence, Forum.Data.Realtime.PresenceMember member)
    {
        lock (_lock)
            if (!_closed && _presence is null) _presence = presence.Enter(Forum.Data.Realtime.Places.Room(Room), member);
    }

    /// <summary>A new history is about to be read (a join again): live entries wait for it from now on.</summary>
    public void BeginHistory()
    {
        lock (_lock)
        {
            _pending ??= [];
            _overflowed = false;
        }
    }

    /// <summary>
    /// Sends the history's last frame, then what waited (minus messages the history held), and goes live; or, when live
    /// messages were dropped meanwhile, sends nothing and answers false: read on after <paramref name="through"/> first.
    /// </summary>
    public bool TryFinishHistory(byte[] lastFrame, long through)
    {
        lock (_lock)
        {
            if (_closed) return true;
            if (_overflowed)
            {
                _overflowed = false;
                _pending!.RemoveAll(e => e.ChatId != 0);
                return false;
            }
            _through = Math.Max(_through, through);
            socket.Send(lastFrame);
            foreach (var entry in _pending!)
                if (entry.ChatId == 0 || entry.ChatId > _through) socket.Send(entry.Frame);
            _pending = null;
            return true;
        }
    }

    public void Dispose()
    {
        IDisposable? presence;
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            _pending = null;
            (presence, _presence) = (_presence, null);
        }
        fanout.Remove(this);
        presence?.Dispose();
    }

    private void Hold(in RoomEntry entry)
    {
        if (_pending!.Count < PendingMax)
        {
            if (entry.ChatId == 0 || !_overflowed) _pending.Add(entry);
            return;
        }
        // Full: chat messages are all in the database after the history's last id, so drop them and read on later.
        // Presence and removals beyond the limit are lost; the room's next change brings the count back.
        if (entry.ChatId == 0) return;
        _overflowed = true;
        _pending.RemoveAll(e => e.ChatId != 0);
    }
}
