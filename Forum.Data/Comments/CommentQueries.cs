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

    /// <summary>The first or the last <paramref name="take"/> comments of a thread, in reading order.</summary>
    public async Task<ThreadWindow> WindowAsync(int postId, bool fromEnd, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = db.Comments.AsNoTracking().Where(c => c.PostId == postId);
        var rows = fromEnd
            ? (await Project(thread.OrderByDescending(c => c.ParentId ?? c.Id).ThenByDescending(c => c.Id).Take(take)).ToListAsync(ct)).AsEnumerable().Reverse().ToList()
            : await Project(thread.OrderBy(c => c.ParentId ?? c.Id).ThenBy(c => c.Id).Take(take)).ToListAsync(ct);
        var others = await thread.CountAsync(ct) - rows.Count;
        return fromEnd ? new ThreadWindow(rows, others, 0) : new ThreadWindow(rows, 0, others);
    }

    /// <summary>Up to <paramref name="take"/> comments right after <paramref name="key"/> (or from it, when inclusive).</summary>
    public async Task<ThreadWindow> WindowAfterAsync(int postId, ThreadKey key, int take, bool inclusive = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (root, id) = (key.Root, inclusive ? key.Id - 1 : key.Id);
        var rows = await Project(db.Comments.AsNoTracking()
            .Where(c => c.PostId == postId && ((c.ParentId ?? c.Id) > root || ((c.ParentId ?? c.Id) == root && c.Id > id)))
            .OrderBy(c => c.ParentId ?? c.Id).ThenBy(c => c.Id).Take(take)).ToListAsync(ct);
        return await WithCountsAsync(db, postId, rows, ct);
    }

    /// <summary>Up to <paramref name="take"/> comments right before <paramref name="key"/>, in reading order.</summary>
    public async Task<ThreadWindow> WindowBeforeAsync(int postId, ThreadKey key, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (root, id) = (key.Root, key.Id);
        var rows = await Project(db.Comments.AsNoTracking()
            .Where(c => c.PostId == postId && ((c.ParentId ?? c.Id) < root || ((c.ParentId ?? c.Id) == root && c.Id < id)))
            .OrderByDescending(c => c.ParentId ?? c.Id).ThenByDescending(c => c.Id).Take(take)).ToListAsync(ct);
        rows.Reverse();
        return await WithCountsAsync(db, postId, rows, ct);
    }

    /// <summary>
    /// Comments before and after a run of the thread (its first and last keys), for a window that keeps its comments but
    /// may have missed others coming or going.
    /// </summary>
    public async Task<(int Before, int After)> CountAroundAsync(int postId, ThreadKey first, ThreadKey last, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CountAroundAsync(db, postId, first, last, ct);
    }

    private static async Task<ThreadWindow> WithCountsAsync(ForumDbContext db, int postId, List<CommentView> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return new ThreadWindow(rows, await db.Comments.CountAsync(c => c.PostId == postId, ct), 0);
        var (before, after) = await CountAroundAsync(db, postId, ThreadKey.Of(rows[0]), ThreadKey.Of(rows[^1]), ct);
        return new ThreadWindow(rows, before, after);
    }

    private static async Task<(int, int)> CountAroundAsync(ForumDbContext db, int postId, ThreadKey first, ThreadKey last, CancellationToken ct)
    {
        var (fr, fi, lr, li) = (first.Root, first.Id, last.Root, last.Id);
        var thread = db.Comments.Where(c => c.PostId == postId);
        var before = await thread.CountAsync(c => (c.ParentId ?? c.Id) < fr || ((c.ParentId ?? c.Id) == fr && c.Id < fi), ct);
        var after = await thread.CountAsync(c => (c.ParentId ?? c.Id) > lr || ((c.ParentId ?? c.Id) == lr && c.Id > li), ct);
        return (before, after);
    }

    internal static IQueryable<CommentView> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new CommentView(c.Id, c.PostId, c.ParentId, c.AuthorId, c.Author!.DisplayName, c.Author.UserName ?? "",
            c.Moderation == Moderation.ModerationState.Visible ? c.Body : "", c.CreatedAt, c.EditedAt,
            c.Moderation != Moderation.ModerationState.Visible));
}
