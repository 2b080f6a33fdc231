using System.Linq.Expressions;
using Forum.Data.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Posts;

public sealed class PostQueries(IDbContextFactory<ForumDbContext> dbFactory)
{
    /// <summary>The one projection of a post to a list entry (home page, profile).</summary>
    internal static readonly Expression<Func<Post, PostSummary>> Summary = p => new PostSummary(
        p.Id, p.Title, p.Year, p.GenreList, p.Synopsis, p.Author!.DisplayName, p.Author.UserName ?? "", p.CommentCount, p.CreatedAt);

    public async Task<PostPage> ListAsync(PostQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var posts = db.Posts.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Genre))
            posts = posts.Where(p => p.Genres.Any(g => g.Genre == query.Genre));
        var after = query.After;
        posts = query.Sort == PostSort.MostDiscussed
            ? (after is null ? posts : posts.Where(p => p.CommentCount < after.CommentCount
                    || (p.CommentCount == after.CommentCount && p.Id < after.Id)))
                .OrderByDescending(p => p.CommentCount).ThenByDescending(p => p.Id)
            : (after is null ? posts : posts.Where(p => p.Id < after.Id)).OrderByDescending(p => p.Id);

        var take = Math.Clamp(query.Take, 1, 100);
        var rows = await posts.Take(take + 1).Select(Summary).ToListAsync(ct);
        if (rows.Count <= take) return new PostPage(rows, null);
        var last = rows[take - 1];
        return new PostPage(rows[..take], new PostCursor(last.Id, last.CommentCount));
    }

    public async Task<PostDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindAsync(db.Posts, id, ct);
    }

    /// <summary>
    /// The post as <paramref name="viewerId"/> may see it: a visible post for anyone; a hidden or deleted one only for a
    /// moderator (roles read now), who judges reports from the post itself. Null for everyone else.
    /// </summary>
    public async Task<PostDetail?> GetAsync(int id, string? viewerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await FindAsync(db.Posts, id, ct);
        if (visible is not null || viewerId is null || !ForumRoles.Moderates(await ForumRoles.OfAsync(db, viewerId, ct))) return visible;
        return await FindAsync(db.Posts.IgnoreQueryFilters(), id, ct);
    }

    private static Task<PostDetail?> FindAsync(IQueryable<Post> posts, int id, CancellationToken ct) =>
        posts.AsNoTracking().Where(p => p.Id == id).Select(Detail).FirstOrDefaultAsync(ct);

    private static readonly Expression<Func<Post, PostDetail>> Detail = p => new PostDetail(p.Id, p.Title, p.Year, p.GenreList, p.Body,
        p.AuthorId, p.Author!.DisplayName, p.Author.UserName ?? "", p.CommentCount, p.CreatedAt, p.EditedAt, p.Moderation);

    /// <summary>Whether anyone but the author has commented: the author may then no longer edit or delete the post.</summary>
    public async Task<bool> OthersHaveCommentedAsync(int postId, string authorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PostService.OthersHaveCommented(db, postId, authorId).FirstOrDefaultAsync(ct);
    }
}
