using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Comments;

/// <summary>
/// The writer's checks, compiled once: a group's reads skip building, funcletizing and looking up their expression
/// trees (issue 10's profile put that at a tenth of the writer's time). A compiled query belongs to one model, so each
/// writer (one database) holds its own.
/// </summary>
public sealed partial class CommentWriter
{
    private readonly Func<ForumDbContext, List<string>, IAsyncEnumerable<Author>> AuthorsOf = EF.CompileAsyncQuery(
        (ForumDbContext db, List<string> ids) => db.Users.Where(u => ids.Contains(u.Id)).Select(u => new Author(u.Id, u.DisplayName, u.UserName)));

    private readonly Func<ForumDbContext, List<int>, IAsyncEnumerable<PostFacts>> PostsOf = EF.CompileAsyncQuery(
        (ForumDbContext db, List<int> ids) => db.Posts.Where(p => ids.Contains(p.Id)).Select(p => new PostFacts(p.Id, p.AuthorId, p.Title)));

    private readonly Func<ForumDbContext, List<int>, IAsyncEnumerable<ParentFacts>> ParentsOf = EF.CompileAsyncQuery(
        (ForumDbContext db, List<int> ids) => db.Comments.Where(c => ids.Contains(c.Id)).Select(c => new ParentFacts(c.Id, c.PostId, c.ParentId, c.AuthorId)));

    private readonly Func<ForumDbContext, List<string>, List<Guid?>, IAsyncEnumerable<StoredRequest>> StoredOf = EF.CompileAsyncQuery(
        (ForumDbContext db, List<string> userIds, List<Guid?> requestIds) => db.Comments
            .Where(c => userIds.Contains(c.AuthorId) && requestIds.Contains(c.RequestId)).Select(c => new StoredRequest(c.AuthorId, c.RequestId)));

    private static async Task<Dictionary<TKey, T>> ToDictionaryAsync<TKey, T>(IAsyncEnumerable<T> rows, Func<T, TKey> key) where TKey : notnull
    {
        var map = new Dictionary<TKey, T>();
        await foreach (var row in rows) map[key(row)] = row;
        return map;
    }
}
