using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Posts;
using Forum.Data.Realtime;
using Forum.Data.Users;

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
        NotificationKind.Direct => "direct",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The stored display list ("Crime, Drama") as the list a client sends.</summary>
    public static IReadOnlyList<string> Genres(string genreList) =>
        genreList.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A paged list: <see cref="Next"/> is an opaque cursor for ?cursor=, or null on the last page.</summary>
public sealed record PageJson<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// A message-center entry (REST list, /ws and /api/stream `notification`). A private message to the member is kind
/// `direct`: `actor` is who sent it, `excerpt` its text, and `postId`, `postTitle`, `commentId` are null.
/// </summary>
public sealed record NotificationJson(
    long Id, string Kind, string Actor, string ActorName, int? PostId, string? PostTitle, int? CommentId, string Excerpt,
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

/// <summary>A post in a list (GET /api/posts, a member's posts): the synopsis, not the whole text.</summary>
public sealed record PostSummaryJson(
    int Id, string Title, int Year, IReadOnlyList<string> Genres, string Synopsis, string Author, string AuthorName,
    int CommentCount, DateTime CreatedAt)
{
    public static PostSummaryJson From(PostSummary p) =>
        new(p.Id, p.Title, p.Year, ApiShapes.Genres(p.GenreList), p.Synopsis, p.AuthorUserName, p.AuthorName, p.CommentCount, p.CreatedAt);
}

/// <summary>One post with its whole text (GET /api/posts/{id}, and the answer to a create or an edit).</summary>
public sealed record PostJson(
    int Id, string Title, int Year, IReadOnlyList<string> Genres, string Body, string Author, string AuthorName,
    int CommentCount, DateTime CreatedAt, DateTime? EditedAt)
{
    public static PostJson From(PostDetail p) =>
        new(p.Id, p.Title, p.Year, ApiShapes.Genres(p.GenreList), p.Body, p.AuthorUserName, p.AuthorName, p.CommentCount, p.CreatedAt, p.EditedAt);
}

/// <summary>A member's public profile (GET /api/users/{userName}).</summary>
public sealed record UserJson(string UserName, string DisplayName, DateTime JoinedAt, int PostCount, int CommentCount)
{
    public static UserJson From(ProfileSummary p) => new(p.UserName, p.DisplayName, p.JoinedAt, p.PostCount, p.CommentCount);
}

/// <summary>One of a member's comments on their profile, with where it was written.</summary>
public sealed record UserCommentJson(int Id, int PostId, string PostTitle, bool IsReply, string Excerpt, DateTime CreatedAt)
{
    public static UserCommentJson From(ProfileComment c) => new(c.Id, c.PostId, c.PostTitle, c.IsReply, c.Excerpt, c.CreatedAt);
}

/// <summary>Something a live client shows is gone (/ws `removed`): <see cref="Kind"/> is post, comment or chat.</summary>
public sealed record RemovedJson(string Kind, long Id);
