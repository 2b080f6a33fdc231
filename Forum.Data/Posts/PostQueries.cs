using System.Linq.Expressions;
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
        return await db.Posts.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new PostDetail(p.Id, p.Title, p.Year, p.GenreList, p.Body,
                p.AuthorId, p.Author!.DisplayName, p.Author.UserName ?? "", p.CommentCount, p.CreatedAt, p.EditedAt))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether anyone but the author has commented: the author may then no longer edit or delete the post.</summary>
    public async Task<bool> OthersHaveCommentedAsync(int postId, string authorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PostService.OthersHaveCommented(db, postId, authorId).FirstOrDefaultAsync(ct);
    }
}
