namespace Forum.Data.Messages;

/// <summary>One entry of "My messages": who wrote what, where, and whether it has been read.</summary>
public sealed record MessageItem(
    long Id, NotificationKind Kind, string ActorName, string ActorUserName, int PostId, string PostTitle,
    int CommentId, string Excerpt, DateTime CreatedAt, bool IsRead);

public sealed record MessageCursor(DateTime CreatedAt, long Id);

public sealed record MessagePage(IReadOnlyList<MessageItem> Items, MessageCursor? Next);
