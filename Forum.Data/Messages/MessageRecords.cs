namespace Forum.Data.Messages;

/// <summary>
/// One entry of "My messages": who wrote what, where, and whether it has been read. A comment or reply has its post and
/// comment; a private message (<see cref="NotificationKind.Direct"/>) has no post, and <see cref="ChatMessageId"/> instead.
/// </summary>
public sealed record MessageItem(
    long Id, NotificationKind Kind, string ActorName, string ActorUserName, int? PostId, string? PostTitle,
    int? CommentId, string Excerpt, DateTime CreatedAt, bool IsRead, long? ChatMessageId = null);

public sealed record MessageCursor(DateTime CreatedAt, long Id);

public sealed record MessagePage(IReadOnlyList<MessageItem> Items, MessageCursor? Next);
