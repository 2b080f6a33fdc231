using Forum.Data;
using Forum.Data.Comments;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.TestSupport;

/// <summary>
/// Long threads for paging tests, written straight into the database in one transaction: the service's messages and
/// counters are not what those tests are about, and a thousand service calls would make them slow.
/// </summary>
public static class ThreadSeed
{
    /// <summary>
    /// <paramref name="count"/> comments on <paramref name="postId"/> by the given authors in turn, every third a reply to
    /// the latest top-level comment, a minute apart and ending now. Returns their ids, oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<int>> AddAsync(IDbContextFactory<ForumDbContext> factory, int postId,
        IReadOnlyList<string> authors, int count, DateTime now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = new List<int>(count);
        int? top = null;
        for (var i = 0; i < count; i++)
        {
            var reply = i % 3 == 2 && top is not null;
            var comment = new Comment
            {
                PostId = postId, AuthorId = authors[i % authors.Count], ParentId = reply ? top : null,
                Body = $"Comment number {i + 1} on this film.", CreatedAt = now.AddMinutes(i - count),
            };
            db.Comments.Add(comment);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (!reply) top = comment.Id;
            ids.Add(comment.Id);
        }
        await tx.CommitAsync(ct);
        return ids;
    }
}
