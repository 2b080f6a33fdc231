using Forum.Data.Chat;
using Forum.Data.Realtime;

namespace Forum.App.Features.Realtime.Chat;

/// <summary>
/// The rooms this node's sockets are in. Each room has one bus subscription for its messages and one for its presence,
/// however many sockets joined it: the handler serializes an event once (<see cref="LiveFrames"/>) and offers the same
/// bytes to every joined socket's bounded queue, which never waits. A subscription per socket would cost a queue, a
/// thread-pool hop and a frame lookup per socket per message; this costs one queue hop per room per message.
/// </summary>
public sealed class ChatFanout(INotificationBus bus, LiveFrames frames)
{
    private readonly INotificationBus _bus = bus;
    private readonly LiveFrames _frames = frames;
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Rooms with at least one socket on this node.</summary>
    public int RoomCount
    {
        get { lock (_lock) return _rooms.Count; }
    }

    /// <summary>Sockets in <paramref name="room"/> on this node (a member's two sockets count twice).</summary>
    public int ListenerCount(string room)
    {
        lock (_lock) return _rooms.TryGetValue(room, out var r) ? r.Listeners.Length : 0;
    }

    internal void Add(RoomListener listener)
    {
        lock (_lock)
        {
            if (!_rooms.TryGetValue(listener.Room, out var room))
            {
                room = new Room(this, listener.Room);
                _rooms[listener.Room] = room;
                room.Open();
            }
            // Copy on write: a fan-out walks the array it read without a lock, joins and leaves never stall it.
            room.Listeners = [.. room.Listeners, listener];
        }
    }

    internal void Remove(RoomListener listener)
    {
        Room? emptied = null;
        lock (_lock)
        {
            if (!_rooms.TryGetValue(listener.Room, out var room)) return;
            var at = Array.IndexOf(room.Listeners, listener);
            if (at < 0) return;
            room.Listeners = [.. room.Listeners[..at], .. room.Listeners[(at + 1)..]];
            if (room.Listeners.Length == 0)
            {
                _rooms.Remove(listener.Room);
                emptied = room;
            }
        }
        emptied?.Close();
    }

    private sealed class Room(ChatFanout fanout, string name)
    {
        private IDisposable? _messages;
        private IDisposable? _presence;

        public RoomListener[] Listeners = [];

        public void Open()
        {
            _messages = fanout._bus.Subscribe(Topics.Room(name), OnMessageEventAsync);
            _presence = fanout._bus.Subscribe(Topics.Presence(Places.Room(name)), OnPresenceEventAsync);
        }

        public void Close()
        {
            _messages?.Dispose();
            _presence?.Dispose();
        }

        private Task OnMessageEventAsync(BusEvent busEvent)
        {
            var listeners = Volatile.Read(ref Listeners);
            if (busEvent is EventsMissed)
            {
                foreach (var listener in listeners) listener.Missed();
                return Task.CompletedTask;
            }
            if (fanout._frames.For(busEvent, Transport.Socket) is not { } frame) return Task.CompletedTask;
            var entry = busEvent is ChatPosted posted
                ? new RoomEntry(frame, posted.Message.Id, posted.Message.Sender.Id)
                : new RoomEntry(frame, 0, null);
            foreach (var listener in listeners) listener.Deliver(entry);
            return Task.CompletedTask;
        }

        private Task OnPresenceEventAsync(BusEvent busEvent)
        {
            // A missed presence change only leaves an online count behind until the next one: nothing to catch up.
            if (busEvent is not PresenceChanged || fanout._frames.For(busEvent, Transport.Socket) is not { } frame) return Task.CompletedTask;
            foreach (var listener in Volatile.Read(ref Listeners)) listener.Deliver(new RoomEntry(frame, 0, null));
            return Task.CompletedTask;
        }
    }
}

/// <summary>One live event of a room, serialized: a chat message has its id (for catch-up) and its sender (for ignores).</summary>
internal readonly record struct RoomEntry(byte[] Frame, long ChatId, string? SenderId);
