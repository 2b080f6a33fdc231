using Forum.Data.Realtime;

namespace Forum.Data.Chat;

/// <summary>A message in a room, on <see cref="Topics.Room"/>. Live viewers drop it when they ignore its sender.</summary>
public sealed record ChatPosted(ChatMessageView Message) : BusEvent;

/// <summary>A room message was deleted by its author, on <see cref="Topics.Room"/>: show the placeholder.</summary>
public sealed record ChatDeleted(string Room, long MessageId) : BusEvent;

/// <summary>
/// A private message, on the <see cref="Topics.User"/> topic of the sender and of the recipient (the sender's only when
/// the recipient ignores them): every tab of both shows it, whatever page it is on.
/// </summary>
public sealed record DirectPosted(ChatMessageView Message) : BusEvent;

/// <summary>A private message was deleted by its author, on both members' topics.</summary>
public sealed record DirectDeleted(long ConversationId, long MessageId) : BusEvent;

/// <summary>The member read a conversation up to a message (in some tab), on their own topic: other tabs drop its unread mark.</summary>
public sealed record ConversationRead(string UserId, long ConversationId, long LastReadMessageId) : BusEvent;

/// <summary>
/// The member started or stopped ignoring someone, on the member's own topic only (the other is never told): open rooms
/// reload or filter with the new set.
/// </summary>
public sealed record IgnoreChanged(string UserId, string OtherUserId, bool Ignoring) : BusEvent;
