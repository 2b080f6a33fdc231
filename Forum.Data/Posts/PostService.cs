using Forum.Data.Chat;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Posts;

/// <summary>Posts: create, and the author's edit or delete while no one else has joined the discussion.</summary>
public sealed class PostService(IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus, IAccountStanding standing, TimeProvider clock)
{
    /// <summary>
    /// Stores a new post and returns its id. A repeat of one draft (the same <see cref="NewPost.RequestId"/> from the same
    /// member) returns the first post's id and stores nothing, even when the two submits race.
    /// </summary>
    public async Task<int> CreateAsync(string? userId, NewPost input, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to post a movie.");
        var valid = PostRules.Validate(input, clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindRepeatAsync(db, userId, input.RequestId, ct) is { } repeat) return repeat;
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            throw ForumException.SignInRequired("Your account no longer exists; sign in again.");
        await standing.EnsureCanWriteAsync(userId, ct);
        var post = new Post { AuthorId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime, RequestId = input.RequestId };
        Apply(post, valid);
        db.Posts.Add(post);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (input.RequestId is not null)
        {
            // A concurrent submit of the same draft won the unique (AuthorId, RequestId) index between our check and our insert.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var stored = await FindRepeatAsync(fresh, userId, input.RequestId, ct);
            if (stored is null) throw;
            return stored.Value;
        }
        return post.Id;
    }

    public async Task EditAsync(string? userId, int postId, NewPost input, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to edit your posts.");
        var valid = PostRules.Validate(input, clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var post = await db.Posts.Include(p => p.Genres).FirstOrDefaultAsync(p => p.Id == postId, ct) ?? throw Gone();
            await CheckOwnedAndQuietAsync(db, post, userId, "edit", ct);
            await standing.EnsureCanWriteAsync(userId, ct);
            if (post.Title == valid.Title && post.Year == valid.Year && post.Body == valid.Body && post.GenreList == valid.GenreList) return;
            Apply(post, valid);
            post.EditedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await bus.PublishAsync(Topics.Post(postId), new PostChanged(postId));
    }

    /// <summary>Deletes the post with its genres and the author's own comments (nobody else's: that is the rule).</summary>
    public async Task DeleteAsync(string? userId, int postId, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to delete your posts.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == postId, ct) ?? throw Gone();
            await CheckOwnedAndQuietAsync(db, post, userId, "delete", ct);
            // Replies point at their comment without cascading: remove them first, then the rest goes with the post.
            await db.Comments.Where(c => c.PostId == postId && c.ParentId != null).ExecuteDeleteAsync(ct);
            await db.Posts.Where(p => p.Id == postId).ExecuteDeleteAsync(ct);
            // The movie's watch-party room goes with it (its name would answer NotFound; the rows would be unreachable).
            var room = ChatRooms.Movie(postId);
            await db.ChatMessages.Where(m => m.Room == room).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        await bus.PublishAsync(Topics.Post(postId), new PostRemoved(postId));
    }

    public const string ClosedMessage = "Others have joined the discussion, so this post can no longer be changed.";

    /// <summary>Whether others have commented on the post, which closes it to its author's edits.</summary>
    public static IQueryable<bool> OthersHaveCommented(ForumDbContext db, int postId, string authorId) =>
        db.Posts.Where(p => p.Id == postId).Select(p => db.Comments.Any(c => c.PostId == postId && c.AuthorId != authorId));

    private static async Task CheckOwnedAndQuietAsync(ForumDbContext db, Post post, string userId, string verb, CancellationToken ct)
    {
        if (post.AuthorId != userId) throw ForumException.Forbidden($"You can only {verb} your own posts.");
        if (await OthersHaveCommented(db, post.Id, userId).FirstAsync(ct))
            throw ForumException.Conflict(ClosedMessage);
    }

    private static void Apply(Post post, ValidPost valid)
    {
        post.Title = valid.Title;
        post.Year = valid.Year;
        post.Body = valid.Body;
        post.Synopsis = valid.Synopsis;
        post.GenreList = valid.GenreList;
        post.Genres = [.. valid.Genres.Select(g => new PostGenre { Genre = g })];
    }

    private static async Task<int?> FindRepeatAsync(ForumDbContext db, string userId, Guid? requestId, CancellationToken ct) =>
        requestId is null ? null
            : await db.Posts.Where(p => p.AuthorId == userId && p.RequestId == requestId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    private static ForumException Gone() => ForumException.NotFound("That post does not exist (it may have been removed).");
}
