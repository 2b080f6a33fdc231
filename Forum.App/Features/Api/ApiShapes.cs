using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Realtime;

namespace Forum.App.Features.Api;

/// <summary>
/// The JSON shapes clients are written against (PROTOCOL.md). REST answers and socket/stream events use the same
/// record for the same thing. Members appear twice: by user name (stable, for links and @mentions) and by display name.
/// </summary>
public static class ApiShapes
{
    public static string KindName(NotificationKind kind) => kind switch
    {
        NotificationKind.CommentOnPost => "comment",
        NotificationKind.ReplyToComment => "reply",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>A paged list: <see cref="Next"/> is an opaque cursor for ?cursor=, or null on the last page.</summary>
public sealed record PageJson<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A message-center entry (REST list, /ws and /api/stream `notification`).</summary>
public sealed record NotificationJson(
    long Id, string Kind, string Actor, string ActorName, int PostId, string PostTitle, int CommentId, string Excerpt,
    DateTime CreatedAt, bool IsRead)
{
    public static NotificationJson From(MessageItem m) => new(
        m.Id, ApiShapes.KindName(m.Kind), m.ActorUserName, m.ActorName, m.PostId, m.PostTitle, m.CommentId, m.Excerpt, m.CreatedAt, m.IsRead);
}

/// <summary>A comment or reply (REST, and the /ws `comment` event).</summary>
public sealed record CommentJson(
    int Id, int PostId, int? ParentId, string Author, string AuthorName, string Body, DateTime CreatedAt, DateTime? EditedAt)
{
    public static CommentJson From(CommentView c) =>
        new(c.Id, c.PostId, c.ParentId, c.AuthorUserName, c.AuthorName, c.Body, c.CreatedAt, c.EditedAt);
}

/// <summary>The unread count and its version (GET /api/messages/unread, and the stream's `message` event).</summary>
public sealed record UnreadJson(int Count, long Version)
{
    public static UnreadJson From(UnreadChanged u) => new(u.Count, u.Version);
}

/// <summary>Something a live client shows is gone (/ws `removed`): <see cref="Kind"/> is post, comment or chat.</summary>
public sealed record RemovedJson(string Kind, long Id);
