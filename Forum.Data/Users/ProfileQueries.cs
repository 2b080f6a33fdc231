using Forum.Data.Posts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Users;

/// <summary>A member's profile: who they are, and their posts and comments, newest first, keyset-paged on Id.</summary>
public sealed class ProfileQueries(IDbContextFactory<ForumDbContext> dbFactory)
{
    public const int PageSize = 10;
    public const int MaxPageSize = 50;
    public const int ExcerptLength = 160;
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    /// <summary>The member with this user name (any letter case), or null.</summary>
    public async Task<ProfileSummary?> GetAsync(string userName, CancellationToken ct = default)
    {
        var normalized = Normalizer.NormalizeName(userName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new ProfileSummary(u.Id, u.UserName ?? "", u.DisplayName, u.CreatedAt,
                db.Posts.Count(p => p.AuthorId == u.Id), db.Comments.Count(c => c.AuthorId == u.Id)))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<ProfilePage<PostSummary>> PostsAsync(string userId, int? beforeId = null, int take = PageSize, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await PostsQuery(db, userId, beforeId).Take(take + 1).Select(PostQueries.Summary).ToListAsync(ct);
        return Page(rows, take, p => p.Id);
    }

    public async Task<ProfilePage<ProfileComment>> CommentsAsync(string userId, int? beforeId = null, int take = PageSize, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await CommentsQuery(db, userId, beforeId).Take(take + 1)
            .Select(c => new ProfileComment(c.Id, c.PostId, c.Post!.Title, c.ParentId != null,
                (c.Moderation == Moderation.ModerationState.Visible ? c.Body : Moderation.ModerationRules.Placeholder).Substring(0, ExcerptLength + 1),
                c.CreatedAt))
            .ToListAsync(ct);
        // As in the message center: a full ExcerptLength + 1 means the body may go on, so the excerpt ends with "…".
        var items = rows.Select(r => r with
        {
            Excerpt = TextRules.Excerpt(r.Excerpt, ExcerptLength, more: r.Excerpt.EnumerateRunes().Count() > ExcerptLength),
        }).ToList();
        return Page(items, take, c => c.Id);
    }

    /// <summary>WHERE AuthorId = ? [AND Id &lt; ?] ORDER BY Id DESC, over IX_Posts_AuthorId_Id.</summary>
    public static IQueryable<Post> PostsQuery(ForumDbContext db, string userId, int? beforeId)
    {
        var posts = db.Posts.AsNoTracking().Where(p => p.AuthorId == userId);
        if (beforeId is { } before) posts = posts.Where(p => p.Id < before);
        return posts.OrderByDescending(p => p.Id);
    }

    /// <summary>WHERE AuthorId = ? [AND Id &lt; ?] ORDER BY Id DESC, over IX_Comments_AuthorId_Id.</summary>
    public static IQueryable<Comments.Comment> CommentsQuery(ForumDbContext db, string userId, int? beforeId)
    {
        var comments = db.Comments.AsNoTracking().Where(c => c.AuthorId == userId);
        if (beforeId is { } before) comments = comments.Where(c => c.Id < before);
        return comments.OrderByDescending(c => c.Id);
    }

    private static ProfilePage<T> Page<T>(List<T> rows, int take, Func<T, int> id) =>
        rows.Count > take ? new ProfilePage<T>(rows[..take], id(rows[take - 1])) : new ProfilePage<T>(rows, null);
}
