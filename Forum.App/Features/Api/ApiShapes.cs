using System.Text.Json.Serialization;
using Forum.Data.Chat;
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

/// <summary>
/// A chat message (REST, and the /ws `chat`, `direct` and `history` events): in a room (`room`) or private (`to`, the
/// recipient's user name, and `toName`). `from` is the sender's user name, `fromName` their display name. A deleted
/// message keeps its place with empty `text` and `deleted: true`.
/// </summary>
public sealed record ChatJson(
    long Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Room,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToName,
    string From, string FromName, string Text, DateTime At, bool Deleted)
{
    /// <summary>Named Of, not From: <c>from</c> is a field of the message.</summary>
    public static ChatJson Of(ChatMessageView m) =>
        new(m.Id, m.Room, m.To?.UserName, m.To?.DisplayName, m.Sender.UserName, m.Sender.DisplayName, m.Text, m.CreatedAt, m.Deleted);
}

/// <summary>A chat room: its name for join and the URLs, its title, its movie (null for the lobby), how many people are in it now,
/// and (for one room) the members there, each once.</summary>
public sealed record ChatRoomJson(
    string Name, string DisplayName, int? PostId, int Online,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChatMemberJson>? Members = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Visitors = null)
{
    public static ChatRoomJson From(ChatRoomSummary r) => new(r.Room.Name, r.Room.DisplayName, r.Room.PostId, r.Online);
}

/// <summary>A member as chat shows them: by user name (for URLs and @mentions) and display name.</summary>
public sealed record ChatMemberJson(string UserName, string DisplayName)
{
    public static ChatMemberJson From(ChatMember m) => new(m.UserName, m.DisplayName);
}

/// <summary>One of my conversations (GET /api/chat/direct): with whom, the newest message I can see, how many I have not read.</summary>
public sealed record ConversationJson(string With, string WithName, ChatJson? LastMessage, int Unread, DateTime LastMessageAt)
{
    public static ConversationJson From(ConversationSummary c) =>
        new(c.Other.UserName, c.Other.DisplayName, c.LastMessage is { } m ? ChatJson.Of(m) : null, c.Unread, c.LastMessageAt);
}

/// <summary>
/// /ws `history`: a room's messages, oldest first. `more`: another `history` frame of the same join follows. `gap`: the join
/// asked for what came after an id, but so much did that this is the latest page instead: the messages between that id
/// and the first item here are not sent (GET /api/chat/rooms/{room}/messages?after=id has them).
/// </summary>
public sealed record ChatHistoryJson(string Room, IReadOnlyList<ChatJson> Items, bool More, bool Gap);

/// <summary>/ws `joined` / `left`: who came into or left a room (`user` null for an anonymous visitor) and how many are there now.</summary>
public sealed record RoomPresenceJson(string Room, string? User, string? DisplayName, int Online);
