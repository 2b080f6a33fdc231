namespace Forum.Data.Users;

/// <summary>A member as their profile shows them.</summary>
public sealed record ProfileSummary(
    string UserId, string UserName, string DisplayName, DateTime JoinedAt, int PostCount, int CommentCount);

/// <summary>One of a member's comments, with where it was written.</summary>
public sealed record ProfileComment(int Id, int PostId, string PostTitle, bool IsReply, string Excerpt, DateTime CreatedAt);

/// <summary>A page of a member's posts or comments; the next page starts below <see cref="NextBeforeId"/>.</summary>
public sealed record ProfilePage<T>(IReadOnlyList<T> Items, int? NextBeforeId);
