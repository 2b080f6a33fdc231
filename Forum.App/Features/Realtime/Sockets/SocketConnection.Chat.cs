using System.Security.Claims;
using Forum.App.Features.Api.Tokens;
using Forum.App.Features.Realtime.Chat;
using Forum.Data.Chat;
using Forum.Data.Realtime;

namespace Forum.App.Features.Realtime.Sockets;

/// <summary>
/// The socket's chat: rooms (see <see cref="SocketChat"/>, made on the first <c>join</c>) and the member's private
/// messages, which come on the member's own topic like notifications: every socket of the sender and of the recipient
/// gets each <c>direct</c>, whatever rooms it is in.
/// </summary>
public sealed partial class SocketConnection
{
    private SocketChat? _chat;
    private PresenceMember? _member;

    /// <summary>The member as rooms show them (from the token, as a page's circuit takes them from its sign-in).</summary>
    internal PresenceMember Member => _member ?? new PresenceMember(UserId, "");

    /// <summary>The socket's rooms and ignores, made on first use.</summary>
    internal SocketChat Chat
    {
        get
        {
            lock (Gate) return _chat ??= new SocketChat(this);
        }
    }

    /// <summary>Sends one frame through the queue and waits until it was written: a long catch-up goes at the client's pace.</summary>
    internal Task SendPacedAsync(byte[] frame) => SendBatchAsync([frame]);

    private void TakeMember(ClaimsPrincipal principal) => _member = new PresenceMember(UserId,
        principal.FindFirstValue(TokenClaims.DisplayName) ?? "", principal.FindFirstValue(TokenClaims.Name));

    protected override void OnMemberEvent(BusEvent busEvent)
    {
        switch (busEvent)
        {
            case DirectPosted or DirectDeleted:
                if (Services.Frames.For(busEvent, Transport) is { } frame) Send(frame);
                break;
            case IgnoreChanged change:
                SocketChat? chat;
                lock (Gate) chat = _chat;
                chat?.OnIgnoreChanged(change);
                break;
            case EventsMissed:
                SendError("Some private messages may have been missed: read your conversations again (GET /api/chat/direct).");
                break;
        }
    }

    private void LeaveRooms()
    {
        SocketChat? chat;
        lock (Gate) chat = _chat;
        chat?.Close();
    }
}
