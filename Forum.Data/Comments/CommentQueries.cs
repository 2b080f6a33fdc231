using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Comments;

public sealed class CommentQueries(IDbContextFactory<ForumDbContext> dbFactory)
{
    /// <summary>A post's comments and replies, oldest first.</summary>
    public async Task<IReadOnlyList<CommentView>> ListForPostAsync(int postId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db.Comments.AsNoTracking().Where(c => c.PostId == postId).OrderBy(c => c.Id))
            .ToListAsync(ct);
    }

    public const int MaxPageSize = 100;

    /// <summary>
    /// One page of a post's comments and replies, oldest first, keyset-paged on Id over IX_Comments_PostId_Id;
    /// null when the post does not exist.
    /// </summary>
    public async Task<CommentPage?> PageForPostAsync(int postId, int? afterId = null, int take = 50, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Posts.AnyAsync(p => p.Id == postId, ct)) return null;
        var comments = db.Comments.AsNoTracking().Where(c => c.PostId == postId);
        if (afterId is { } after) comments = comments.Where(c => c.Id > after);
        var rows = await Project(comments.OrderBy(c => c.Id).Take(take + 1)).ToListAsync(ct);
        return rows.Count > take ? new CommentPage(rows[..take], rows[take - 1].Id) : new CommentPage(rows, null);
    }

    public async Task<CommentView?> GetAsync(int commentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db.Comments.AsNoTracking().Where(c => c.Id == commentId)).FirstOrDefaultAsync(ct);
    }

    internal static IQueryable<CommentView> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new CommentView(c.Id, c.PostId, c.ParentId, c.AuthorId, c.Author!.DisplayName, c.Author.UserName ?? "",
            c.Body, c.CreatedAt, c.EditedAt));
}
