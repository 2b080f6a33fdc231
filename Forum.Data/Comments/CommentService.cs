using Forum.Data.Messages;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Comments;

/// <summary>Adds comments and replies: the comment, its notifications and the unread counters in one transaction, then publishes.</summary>
public sealed class CommentService(
    IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus, IPresence presence, IAccountStanding standing, TimeProvider clock)
{
    public async Task<CommentView> AddAsync(string? userId, NewComment input, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to comment.");
        var body = CommentRules.Body.Require(input.Body);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindRepeatAsync(db, userId, input.RequestId, ct) is { } repeat) return repeat;
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            throw ForumException.SignInRequired("Your account no longer exists; sign in again.");
        await standing.EnsureCanWriteAsync(userId, ct);
        var post = await db.Posts.Where(p => p.Id == input.PostId).Select(p => new { p.AuthorId, p.Title }).FirstOrDefaultAsync(ct)
            ?? throw ForumException.NotFound("That post does not exist (it may have been removed).");
        var postAuthorId = post.AuthorId;

        int? threadId = null;
        string? answeredAuthorId = null;
        if (input.ParentId is { } parentId)
        {
            var parent = await db.Comments.Where(c => c.Id == parentId)
                .Select(c => new { c.PostId, c.ParentId, c.AuthorId }).FirstOrDefaultAsync(ct)
                ?? throw ForumException.NotFound("The comment you are replying to no longer exists.");
            if (parent.PostId != input.PostId)
                throw ForumException.Invalid("You can only reply to a comment on the same post.");
            // Replies are one level deep: answering a reply joins its thread and still notifies its author.
            threadId = parent.ParentId ?? parentId;
            answeredAuthorId = parent.AuthorId;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var comment = new Comment
        {
            PostId = input.PostId, AuthorId = userId, ParentId = threadId, Body = body, CreatedAt = now, RequestId = input.RequestId,
        };
        var changes = new List<(Notification Row, UnreadChanged State)>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Comments.Add(comment);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (input.RequestId is not null)
            {
                // The same draft was stored by a concurrent submit between our check and our insert.
                await tx.RollbackAsync(ct);
                await using var fresh = await dbFactory.CreateDbContextAsync(ct);
                var stored = await FindRepeatAsync(fresh, userId, input.RequestId, ct);
                if (stored is null) throw;
                return stored;
            }
            foreach (var (recipient, kind) in Recipients(userId, postAuthorId, answeredAuthorId))
            {
                // What arrives in the thread the member is reading right now is read: no badge bump, no unread row.
                var reading = presence.IsPresent(Places.Post(input.PostId), recipient);
                var row = new Notification
                {
                    RecipientId = recipient, ActorId = userId, Kind = kind, PostId = input.PostId,
                    PostAuthorId = postAuthorId, CommentId = comment.Id, CreatedAt = now, IsRead = reading,
                };
                db.Notifications.Add(row);
                changes.Add((row, await UnreadCounters.AddAsync(db, recipient, reading ? 0 : 1, ct)));
            }
            await db.SaveChangesAsync(ct);
            await db.Posts.Where(p => p.Id == input.PostId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount + 1), ct);
            await tx.CommitAsync(ct);
        }

        // Committed: from here on the caller going away must not stop the live updates.
        var view = await CommentQueries.Project(db.Comments.AsNoTracking().Where(c => c.Id == comment.Id)).SingleAsync(CancellationToken.None);
        await bus.PublishAsync(Topics.Post(view.PostId), new CommentAdded(view));
        foreach (var (row, state) in changes)
        {
            // Built from what this write already holds (no query): the same record the message center's page reads.
            var item = new MessageItem(row.Id, row.Kind, view.AuthorName, view.AuthorUserName, view.PostId, post.Title, view.Id,
                MessageService.ExcerptOf(view.Body), view.CreatedAt, row.IsRead);
            await bus.PublishAsync(Topics.User(state.UserId), new NotificationAdded(state.UserId, item));
            await bus.PublishAsync(Topics.User(state.UserId), state);
        }
        return view;
    }

    /// <summary>Who hears of a comment: the author answered (as a reply) and the post's author, each once, never the writer.</summary>
    internal static IEnumerable<(string Recipient, NotificationKind Kind)> Recipients(string writerId, string postAuthorId, string? answeredAuthorId)
    {
        if (answeredAuthorId is not null && answeredAuthorId != writerId)
            yield return (answeredAuthorId, NotificationKind.ReplyToComment);
        if (postAuthorId != writerId && postAuthorId != answeredAuthorId)
            yield return (postAuthorId, NotificationKind.CommentOnPost);
    }

    private static async Task<CommentView?> FindRepeatAsync(ForumDbContext db, string userId, Guid? requestId, CancellationToken ct) =>
        requestId is null ? null
            : await CommentQueries.Project(db.Comments.AsNoTracking().Where(c => c.AuthorId == userId && c.RequestId == requestId))
                .FirstOrDefaultAsync(ct);
}
