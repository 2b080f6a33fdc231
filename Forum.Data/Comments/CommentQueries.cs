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

    internal static IQueryable<CommentView> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new CommentView(c.Id, c.PostId, c.ParentId, c.AuthorId, c.Author!.DisplayName, c.Author.UserName ?? "",
            c.Body, c.CreatedAt, c.EditedAt));
}
