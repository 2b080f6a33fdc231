using System.Linq.Expressions;
using Forum.Data.Posts;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Comments;

/// <summary>
/// The writer's checks, compiled once: a group's reads skip building, funcletizing and looking up their expression
/// trees (issue 10's profile put that at a tenth of the writer's time). A group of one author, post or request (a comment
/// alone, the usual case) asks by key: a list parameter makes EF generate the SQL again on every call. A compiled query
/// belongs to one model, so each writer (one database) holds its own.
/// </summary>
public sealed partial class CommentWriter
{
    private static readonly Expression<Func<ForumUser, Author>> AuthorOf = u => new Author(u.Id, u.DisplayName, u.UserName);
    private static readonly Expression<Func<Post, PostFacts>> PostFactsOf = p => new PostFacts(p.Id, p.AuthorId, p.Title);
    private static readonly Expression<Func<Comment, ParentFacts>> ParentOf = c => new ParentFacts(c.Id, c.PostId, c.ParentId, c.AuthorId);
    private static readonly Expression<Func<Comment, StoredRequest>> StoredOf = c => new StoredRequest(c.AuthorId, c.RequestId);

    private readonly Func<ForumDbContext, string, IAsyncEnumerable<Author>> authorById = EF.CompileAsyncQuery(
        (ForumDbContext db, string id) => db.Users.Where(u => u.Id == id).Select(AuthorOf));
    private readonly Func<ForumDbContext, List<string>, IAsyncEnumerable<Author>> authorsByIds = EF.CompileAsyncQuery(
        (ForumDbContext db, List<string> ids) => db.Users.Where(u => ids.Contains(u.Id)).Select(AuthorOf));
    private readonly Func<ForumDbContext, int, IAsyncEnumerable<PostFacts>> postById = EF.CompileAsyncQuery(
        (ForumDbContext db, int id) => db.Posts.Where(p => p.Id == id).Select(PostFactsOf));
    private readonly Func<ForumDbContext, List<int>, IAsyncEnumerable<PostFacts>> postsByIds = EF.CompileAsyncQuery(
        (ForumDbContext db, List<int> ids) => db.Posts.Where(p => ids.Contains(p.Id)).Select(PostFactsOf));
    private readonly Func<ForumDbContext, int, IAsyncEnumerable<ParentFacts>> parentById = EF.CompileAsyncQuery(
        (ForumDbContext db, int id) => db.Comments.Where(c => c.Id == id).Select(ParentOf));
    private readonly Func<ForumDbContext, List<int>, IAsyncEnumerable<ParentFacts>> parentsByIds = EF.CompileAsyncQuery(
        (ForumDbContext db, List<int> ids) => db.Comments.Where(c => ids.Contains(c.Id)).Select(ParentOf));
    private readonly Func<ForumDbContext, string, Guid?, IAsyncEnumerable<StoredRequest>> storedByKey = EF.CompileAsyncQuery(
        (ForumDbContext db, string userId, Guid? requestId) => db.Comments.Where(c => c.AuthorId == userId && c.RequestId == requestId).Select(StoredOf));
    private readonly Func<ForumDbContext, List<string>, List<Guid?>, IAsyncEnumerable<StoredRequest>> storedByKeys = EF.CompileAsyncQuery(
        (ForumDbContext db, List<string> userIds, List<Guid?> requestIds) => db.Comments
            .Where(c => userIds.Contains(c.AuthorId) && requestIds.Contains(c.RequestId)).Select(StoredOf));

    private Task<Dictionary<string, Author>> AuthorsAsync(ForumDbContext db, List<string> ids) =>
        ToDictionaryAsync(ids.Count == 1 ? authorById(db, ids[0]) : authorsByIds(db, ids), a => a.Id);

    private Task<Dictionary<int, PostFacts>> PostsAsync(ForumDbContext db, List<int> ids) =>
        ToDictionaryAsync(ids.Count == 1 ? postById(db, ids[0]) : postsByIds(db, ids), p => p.Id);

    private async Task<Dictionary<int, ParentFacts>> ParentsAsync(ForumDbContext db, List<int> ids) =>
        ids.Count == 0 ? [] : await ToDictionaryAsync(ids.Count == 1 ? parentById(db, ids[0]) : parentsByIds(db, ids), c => c.Id);

    private async Task<HashSet<StoredRequest>> StoredAsync(ForumDbContext db, List<string> userIds, List<Guid?> requestIds)
    {
        var stored = new HashSet<StoredRequest>();
        if (requestIds.Count == 0) return stored;
        var rows = userIds.Count == 1 && requestIds.Count == 1 ? storedByKey(db, userIds[0], requestIds[0]) : storedByKeys(db, userIds, requestIds);
        await foreach (var row in rows) stored.Add(row);
        return stored;
    }

    private static async Task<Dictionary<TKey, T>> ToDictionaryAsync<TKey, T>(IAsyncEnumerable<T> rows, Func<T, TKey> key) where TKey : notnull
    {
        var map = new Dictionary<TKey, T>();
        await foreach (var row in rows) map[key(row)] = row;
        return map;
    }
}
