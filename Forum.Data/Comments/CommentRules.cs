namespace Forum.Data.Comments;

public static class CommentRules
{
    public const int BodyMax = 2_000;

    public static readonly TextRule Body = new("The comment", BodyMax);

    /// <summary>How long the author may edit or delete a comment; a reply to it ends the window sooner.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);
}

/// <summary>A comment or a reply; <see cref="RequestId"/> identifies the draft so a repeated submit stores it once.</summary>
public sealed record NewComment(int PostId, string Body, int? ParentId = null, Guid? RequestId = null);

public sealed record CommentView(
    int Id, int PostId, int? ParentId, string AuthorId, string AuthorName, string AuthorUserName, string Body, DateTime CreatedAt,
    DateTime? EditedAt = null, bool Removed = false);

/// <summary>A page of a thread, oldest first; the next page starts after <see cref="NextAfterId"/> (null on the last page).</summary>
public sealed record CommentPage(IReadOnlyList<CommentView> Items, int? NextAfterId);
