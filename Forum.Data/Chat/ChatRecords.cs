namespace Forum.Data.Chat;

/// <summary>A member as chat shows them: by user name (stable, for @mentions and links) and by display name.</summary>
public sealed record ChatMember(string Id, string UserName, string DisplayName);

/// <summary>
/// A chat message as every door shows it. A room message has <see cref="Room"/>; a private one has
/// <see cref="ConversationId"/> and <see cref="To"/>. A deleted message keeps its place with empty text
/// (<see cref="Deleted"/>), so lists show a placeholder and ids stay contiguous for catch-up.
/// </summary>
public sealed record ChatMessageView(
    long Id, string? Room, long? ConversationId, ChatMember Sender, ChatMember? To, string Text, DateTime CreatedAt, bool Deleted);

/// <summary>
/// Messages oldest first. <see cref="More"/>: another page lies beyond in the direction asked (earlier ones for a
/// history page, later ones for a catch-up), starting from the first or last item's id.
/// </summary>
public sealed record ChatPage(IReadOnlyList<ChatMessageView> Items, bool More);

/// <summary>One of a member's conversations: with whom, the newest message they can see, and how many they have not read.</summary>
public sealed record ConversationSummary(long ConversationId, ChatMember Other, ChatMessageView? LastMessage, int Unread, DateTime LastMessageAt);

public sealed record ConversationCursor(DateTime LastMessageAt, long ConversationId);

public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, ConversationCursor? Next);

/// <summary>Who is in a room now: members (each once, however many tabs) and how many anonymous visitors.</summary>
public sealed record RoomPresence(string Room, IReadOnlyList<ChatMember> Members, int Visitors);

/// <summary>A room for the room list, with how many people are in it now.</summary>
public sealed record ChatRoomSummary(ChatRoom Room, int Online);
